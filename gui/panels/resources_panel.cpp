#include "panels/resources_panel.h"

#include "error_report.h"
#include "model_command.h"
#include "worker.h"

#include "pupitre/blobs/attachments.h"
#include "pupitre/model/records.h"

#include <wx/button.h>
#include <wx/cmdproc.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/mimetype.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>

namespace pupitre::gui {

// Decimal units, as the storage quota counts them (1 MB = 10^6 bytes).
wxString formatSize(std::int64_t bytes)
{
  if (bytes < 1000) {
    return wxString::Format(_("%lld bytes"), static_cast<long long>(bytes));
  }
  if (bytes < 1000 * 1000) {
    return wxString::Format(_("%.0f KB"), bytes / 1000.0);
  }
  return wxString::Format(_("%.1f MB"), bytes / (1000.0 * 1000.0));
}

ResourcesPanel::ResourcesPanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  m_list = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
  m_list->AppendColumn(_("File"), wxLIST_FORMAT_LEFT, FromDIP(280));
  m_list->AppendColumn(_("Size"), wxLIST_FORMAT_RIGHT, FromDIP(90));
  m_list->AppendColumn(_("Type"), wxLIST_FORMAT_LEFT, FromDIP(180));
  m_list->AppendColumn(_("On this device"), wxLIST_FORMAT_LEFT, FromDIP(160));

  auto* add = new wxButton(this, wxID_ADD, _("&Add file…"));
  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { chooseFile(); });
  auto* open = new wxButton(this, wxID_OPEN, _("&Open"));
  open->SetToolTip(_("Opens a copy of the file (Enter)"));
  open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openSelected(); });
  m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { openSelected(); });
  auto* remove = new wxButton(this, wxID_REMOVE, _("&Remove"));
  remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { removeSelected(); });
  m_list->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_DELETE) {
      removeSelected();
    } else {
      e.Skip();
    }
  });

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(add, 0, wxRIGHT, FromDIP(6));
  buttons->Add(open, 0, wxRIGHT, FromDIP(6));
  buttons->Add(remove);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(m_list, 1, wxEXPAND | wxALL, FromDIP(6));
  sizer->Add(buttons, 0, wxLEFT | wxBOTTOM, FromDIP(6));
  sizer->Add(new wxStaticText(this, wxID_ANY,
                              _("Files not on this device arrive when you synchronise "
                                "resources.")),
             0, wxLEFT | wxBOTTOM, FromDIP(6));
  SetSizer(sizer);
}

void ResourcesPanel::showClass(const std::string& classId)
{
  m_classId = classId;
  reload();
}

void ResourcesPanel::reload()
{
  m_resources = m_classId.empty() ? std::vector<model::Resource>{}
                                  : model::Resources(m_context.db).list(m_classId);
  m_list->Freeze();
  m_list->DeleteAllItems();
  for (std::size_t i = 0; i < m_resources.size(); ++i) {
    const auto& r = m_resources[i];
    const long row = m_list->InsertItem(static_cast<long>(i), wxString::FromUTF8(r.fileName));
    m_list->SetItem(row, 1, formatSize(r.size));
    m_list->SetItem(row, 2, wxString::FromUTF8(r.mimeType));
    const bool here = blobStore().has(r.blobHash);
    m_list->SetItem(row, 3, here ? _("yes") : _("not downloaded yet"));
    if (!here) {
      m_list->SetItemTextColour(row, wxColour(0x70, 0x70, 0x70));
    }
  }
  m_list->Thaw();
}

blobs::BlobStore& ResourcesPanel::blobStore()
{
  if (!m_blobs) {
    m_blobs = std::make_unique<blobs::BlobStore>(blobs::blobFolderFor(m_context.db.path()));
  }
  return *m_blobs;
}

void ResourcesPanel::chooseFile()
{
  if (m_classId.empty()) {
    return;
  }
  wxFileDialog dialog(this, _("Add a file to the class"), {}, {}, wxFileSelectorDefaultWildcardStr,
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dialog.ShowModal() == wxID_OK) {
    addFile(dialog.GetPath().utf8_string());
  }
}

void ResourcesPanel::addFile(const std::string& file)
{
  auto& db = m_context.db;
  auto& store = blobStore();
  const std::string classId = m_classId;
  auto id = std::make_shared<std::string>();
  m_context.commands.Submit(new ModelCommand(
      _("Add file"),
      [&db, &store, classId, file, id] { *id = blobs::addResource(db, store, classId, file); },
      [&db, id] { model::Resources(db).remove(*id); }, [this] { reload(); }));
}

void ResourcesPanel::openSelected()
{
  const long row = m_list->GetFirstSelected();
  if (row < 0) {
    return;
  }
  const auto r = m_resources[static_cast<std::size_t>(row)];
  if (!blobStore().has(r.blobHash)) {
    showError(this, wxString::Format(_("%s is not on this device yet. Synchronise resources "
                                       "to download it."),
                                     wxString::FromUTF8(r.fileName)));
    return;
  }
  // A copy in the temporary folder, written on the worker (files can be large).
  const wxString folder = wxFileName::GetTempDir() + "/pupitre-" + wxGetUserId();
  wxFileName::Mkdir(folder, 0700, wxPATH_MKDIR_FULL);
  const std::string out = (folder + "/" + wxString::FromUTF8(r.fileName)).utf8_string();
  const auto root = blobStore().root();
  m_context.worker.run<std::string>(
      [root, r, out](store::Database& db) {
        blobs::saveResource(db, blobs::BlobStore(root), r.id, out);
        return out;
      },
      [](std::string& file) { wxLaunchDefaultApplication(wxString::FromUTF8(file)); });
}

void ResourcesPanel::removeSelected()
{
  const long row = m_list->GetFirstSelected();
  if (row < 0) {
    return;
  }
  const auto& r = m_resources[static_cast<std::size_t>(row)];
  if (wxMessageBox(wxString::Format(_("Remove %s from the class?"), wxString::FromUTF8(r.fileName)),
                   _("Remove file"), wxYES_NO | wxICON_QUESTION, this) != wxYES) {
    return;
  }
  auto& db = m_context.db;
  const std::string id = r.id;
  m_context.commands.Submit(new ModelCommand(
      _("Remove file"), [&db, id] { model::Resources(db).remove(id); },
      [&db, id] { model::restoreRecord(db, id); }, [this] { reload(); }));
}

} // namespace pupitre::gui
