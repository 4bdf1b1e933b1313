#include "sync/sync_ui.h"
#include "sync/text.h"

#include "pupitre/ipc/protocol.h"
#include "pupitre/sync/outbox.h"

#include <wx/intl.h>

namespace pupitre::gui {
namespace {

// "just now", "4 min ago", "2 h ago", "3 days ago".
wxString ago(std::int64_t elapsedMs)
{
  const std::int64_t minutes = std::max<std::int64_t>(elapsedMs, 0) / 60000;
  if (minutes < 1) {
    return _("Synchronised just now");
  }
  if (minutes < 60) {
    return wxString::Format(_("Synchronised %lld min ago"), static_cast<long long>(minutes));
  }
  const std::int64_t hours = minutes / 60;
  if (hours < 24) {
    return wxString::Format(_("Synchronised %lld h ago"), static_cast<long long>(hours));
  }
  const auto days = static_cast<long long>(hours / 24);
  return wxString::Format(wxPLURAL("Synchronised %lld day ago", "Synchronised %lld days ago", days),
                          days);
}

wxString waiting(std::int64_t pending)
{
  const auto n = static_cast<long long>(pending);
  return wxString::Format(wxPLURAL("%lld change waiting", "%lld changes waiting", n), n);
}

// "Synchronised 4 min ago · 3 changes waiting": the state, and the work not sent yet.
wxString withPending(const wxString& state, std::int64_t pending)
{
  if (pending <= 0) {
    return state;
  }
  return state + wxString::FromUTF8(" \u00b7 ") + waiting(pending);
}

} // namespace

DaemonStatus withLocalPending(DaemonStatus status, store::Database& db)
{
  status.pending = sync::pendingCount(db);
  return status;
}

wxString syncStatusText(const DaemonStatus& status, const SyncReport& report, std::int64_t nowMs)
{
  if (!status.reachable) {
    return withPending(trUtf8("Daemon not running — working offline"), status.pending);
  }
  if (status.state == ipc::states::kSyncing) {
    if (report.total > 0 && !report.finished && !report.failed) {
      const auto percent =
          static_cast<int>(std::min<std::int64_t>(100, report.done * 100 / report.total));
      return wxString::Format(trUtf8("Synchronising… %d%%"), percent);
    }
    return trUtf8("Synchronising…");
  }
  if (!status.signedIn) {
    return withPending(_("Not signed in"), status.pending);
  }
  if (status.state == ipc::states::kOffline) {
    return withPending(_("Offline"), status.pending);
  }
  if (status.licence == "single") {
    return _("Licence without synchronisation"); // its changes never leave this computer
  }
  if (status.state == ipc::states::kError) {
    return withPending(_("Synchronisation failed"), status.pending);
  }
  return withPending(status.lastSyncMs ? ago(nowMs - *status.lastSyncMs) : _("Never synchronised"),
                     status.pending);
}

wxString trayLastSyncText(const wxString& seenResult, const DaemonStatus& status,
                          std::int64_t nowMs)
{
  if (!seenResult.empty()) {
    return seenResult;
  }
  return status.lastSyncMs ? ago(nowMs - *status.lastSyncMs) : _("Not synchronised yet");
}

} // namespace pupitre::gui
