#include "backup/restore_dialog.h"

#include "pupitre/backup/backups.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace pupitre::gui {
namespace {

wxString count(const wxString& format, std::int64_t n)
{
  return wxString::Format(format, static_cast<long long>(n));
}

// n as the number that chooses a sentence's plural form (wxPLURAL).
unsigned pluralOf(std::int64_t n)
{
  return static_cast<unsigned>(std::clamp<std::int64_t>(n, 0, 1'000'000));
}

} // namespace

wxString reasonText(const std::string& reason)
{
  if (reason == backup::kReasonDaily) {
    return _("automatic, daily");
  }
  if (reason == backup::kReasonSync) {
    return _("automatic, before receiving changes from your other devices");
  }
  if (reason == backup::kReasonMigration) {
    return _("automatic, before an update of Pupitre");
  }
  if (reason == backup::kReasonRestore) {
    return _("automatic, before a restore");
  }
  return _("made by you");
}

wxString createdText(std::int64_t ms)
{
  const wxDateTime when(static_cast<wxLongLong>(ms));
  return when.FormatDate() + " " + when.FormatTime();
}

RestoreDialog::RestoreDialog(wxWindow* parent, const backup::RestorePlan& plan)
    : wxDialog(parent, wxID_ANY, _("Restore from a backup"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
{
  const auto& info = plan.backup;
  const int wrap = FromDIP(480);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto add = [&](const wxString& text, bool bold = false, int border = wxLEFT | wxRIGHT) {
    auto* label = new wxStaticText(this, wxID_ANY, text);
    if (bold) {
      label->SetFont(label->GetFont().Bold());
    }
    label->Wrap(wrap);
    sizer->Add(label, 0, border, FromDIP(12));
  };
  sizer->AddSpacer(FromDIP(12));
  add(wxString::Format(_("Backup of %s (%s)"), createdText(info.createdMs),
                       reasonText(info.reason)),
      true);
  sizer->AddSpacer(FromDIP(6));
  add(count(_("Classes: %lld"), info.classes) + ", " + count(_("students: %lld"), info.students) +
      ", " + count(_("marks: %lld"), info.marks));
  wxString names;
  for (const auto& name : info.classNames) {
    names += (names.empty() ? "" : ", ") + wxString::FromUTF8(name);
  }
  if (!names.empty()) {
    add(names);
  }
  sizer->AddSpacer(FromDIP(12));
  add(_("Restoring it on this computer:"), true);
  sizer->AddSpacer(FromDIP(4));
  add("• " + count(wxPLURAL("sets back %lld value changed since",
                            "sets back %lld values changed since", pluralOf(plan.fieldsChanged)),
                   plan.fieldsChanged));
  add("• " + count(wxPLURAL("brings back %lld record deleted since",
                            "brings back %lld records deleted since",
                            pluralOf(plan.recordsRevived + plan.recordsAdded)),
                   plan.recordsRevived + plan.recordsAdded));
  if (plan.recordsDeleted > 0) {
    add("• " + count(wxPLURAL("deletes again %lld record that was deleted in the backup",
                              "deletes again %lld records that were deleted in the backup",
                              pluralOf(plan.recordsDeleted)),
                     plan.recordsDeleted));
  }
  add("• " +
      count(wxPLURAL("deletes %lld record created since the backup",
                     "deletes %lld records created since the backup", pluralOf(plan.recordsNewer)),
            plan.recordsNewer));
  sizer->AddSpacer(FromDIP(8));
  m_keepNewer = new wxCheckBox(this, wxID_ANY, _("Keep the records created since the backup"));
  m_keepNewer->Enable(plan.recordsNewer > 0);
  sizer->Add(m_keepNewer, 0, wxLEFT | wxRIGHT, FromDIP(12));
  sizer->AddSpacer(FromDIP(12));
  add(_("The restored data are sent to your other devices at the next synchronisation. What "
        "you have now is backed up first: to undo, restore that backup."));
  auto* buttons = new wxStdDialogButtonSizer;
  auto* ok = new wxButton(this, wxID_OK, _("Restore"));
  buttons->AddButton(ok);
  auto* cancel = new wxButton(this, wxID_CANCEL);
  cancel->SetDefault(); // restoring replaces data: never by a stray Enter
  buttons->AddButton(cancel);
  buttons->Realize();
  sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
  SetSizerAndFit(sizer);
  CentreOnParent();
}

bool RestoreDialog::keepNewer() const
{
  return m_keepNewer->GetValue();
}

} // namespace pupitre::gui
