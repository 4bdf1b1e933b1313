#include "panels/students_panel.h"

#include "error_report.h"
#include "ids.h"
#include "model_command.h"
#include "panels/placeholder_picture.h"
#include "panels/roster_import_dialog.h"
#include "worker.h"

#include "pupitre/blobs/attachments.h"
#include "pupitre/model/records.h"

#include <wx/button.h>
#include <wx/cmdproc.h>
#include <wx/filedlg.h>
#include <wx/imagjpeg.h>
#include <wx/imaglist.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <memory>
#include <utility>

namespace pupitre::gui {

StudentsPanel::StudentsPanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  if (!wxImage::FindHandler(wxBITMAP_TYPE_JPEG)) {
    wxImage::AddHandler(new wxJPEGHandler); // the pictures' thumbnails
  }
  const int thumb = FromDIP(32);
  m_thumbnails = new wxImageList(thumb, thumb, false);
  m_list = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                          wxLC_REPORT | wxLC_SINGLE_SEL);
  m_list->AssignImageList(m_thumbnails, wxIMAGE_LIST_SMALL);
  m_list->AppendColumn(_("Student"), wxLIST_FORMAT_LEFT, FromDIP(210));
  m_list->AppendColumn(_("E-mail"), wxLIST_FORMAT_LEFT, FromDIP(300));
  m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
    m_selected = m_students[static_cast<std::size_t>(e.GetIndex())].id;
    saveNow(); // what was typed for the previous student (the list is read again)
    showDetails();
  });

  m_picture = new wxStaticBitmap(this, wxID_ANY, placeholderPicture({}, {}, FromDIP(96)));
  m_setPicture = new wxButton(this, wxID_ANY, _("Set &picture…"));
  m_setPicture->SetToolTip(_("A JPEG or PNG photo; it is stored without its metadata."));
  m_setPicture->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { setPicture(); });
  m_given = new wxTextCtrl(this, wxID_ANY);
  m_family = new wxTextCtrl(this, wxID_ANY);
  m_email = new wxTextCtrl(this, wxID_ANY);
  m_notes = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE);
  for (wxTextCtrl* field : {m_given, m_family, m_email, m_notes}) {
    field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { edited(); });
    field->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
      e.Skip();
      saveNow();
    });
  }
  m_saveTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { saveNow(); });
  m_error = new wxStaticText(this, wxID_ANY, {});
  m_error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
  auto* add = new wxButton(this, ids::kAddStudent, _("&Add student…"));
  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addStudent(); });
  auto* remove = new wxButton(this, ids::kRemoveStudent, _("&Remove student"));
  remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { removeStudent(); });
  auto* importButton = new wxButton(this, ids::kImportStudents, _("&Import students…"));
  importButton->SetToolTip(
      _("Add a class list pasted from a spreadsheet or from a CSV or Excel file"));
  importButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { importStudents(); });

  auto* fields = new wxFlexGridSizer(2, FromDIP(wxSize(6, 6)));
  fields->AddGrowableCol(1);
  fields->AddGrowableRow(3);
  auto row = [&](const wxString& label, wxWindow* field) {
    fields->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_TOP | wxTOP, 4);
    fields->Add(field, 1, wxEXPAND);
  };
  row(_("&Given name:"), m_given);
  row(_("&Family name:"), m_family);
  row(_("&E-mail:"), m_email);
  row(_("&Notes:"), m_notes);

  auto* pictureBox = new wxBoxSizer(wxHORIZONTAL);
  pictureBox->Add(m_picture, 0, wxRIGHT, FromDIP(10));
  pictureBox->Add(m_setPicture, 0, wxALIGN_BOTTOM);
  auto* right = new wxBoxSizer(wxVERTICAL);
  right->Add(pictureBox, 0, wxBOTTOM, FromDIP(10));
  right->Add(fields, 1, wxEXPAND);
  right->Add(m_error, 0, wxEXPAND | wxTOP, FromDIP(6));
  right->Add(new wxStaticText(this, wxID_ANY, _("Changes are saved as you type.")), 0, wxTOP,
             FromDIP(4));

  auto* left = new wxBoxSizer(wxVERTICAL);
  left->Add(m_list, 1, wxEXPAND);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(add, 0, wxRIGHT, FromDIP(6));
  buttons->Add(remove, 0, wxRIGHT, FromDIP(6));
  buttons->Add(importButton);
  left->Add(buttons, 0, wxTOP, FromDIP(6));

  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  sizer->Add(left, 1, wxEXPAND | wxALL, FromDIP(6));
  sizer->Add(right, 1, wxEXPAND | wxALL, FromDIP(6));
  SetSizer(sizer);
  showDetails();
}

void StudentsPanel::showClass(const std::string& classId)
{
  saveNow();
  m_classId = classId;
  m_selected.clear();
  reload();
  if (!m_students.empty()) {
    select(m_students.front().id);
  }
}

void StudentsPanel::reload()
{
  m_students = m_classId.empty() ? std::vector<model::Student>{}
                                 : model::Students(m_context.db).list(m_classId);
  const int thumb = FromDIP(32);
  m_list->Freeze();
  m_list->DeleteAllItems();
  m_thumbnails->RemoveAll();
  for (std::size_t i = 0; i < m_students.size(); ++i) {
    const auto& s = m_students[i];
    const int image = m_thumbnails->Add(studentPicture(s, thumb));
    const long row = m_list->InsertItem(
        static_cast<long>(i),
        wxString::FromUTF8(s.familyName + (s.familyName.empty() ? "" : ", ") + s.givenName), image);
    m_list->SetItem(row, 1, wxString::FromUTF8(s.email));
    if (s.id == m_selected) {
      m_list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                           wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
  }
  m_list->Thaw();
  showDetails();
  loadPictures();
}

namespace {

// A thumbnail decoded on the worker, as plain pixels: a wxImage is not shared across threads.
struct DecodedPicture
{
  std::string key; // "student id|picture hash"
  int width = 0;
  int height = 0;
  std::string rgb;
};

} // namespace

void StudentsPanel::loadPictures()
{
  const auto generation = ++m_pictureGeneration;
  std::map<std::string, wxImage> kept; // only this list's pictures stay in memory
  for (const auto& s : m_students) {
    if (const auto photo = m_photos.find(s.id + "|" + s.picture); photo != m_photos.end()) {
      kept.insert(*photo);
    }
  }
  m_photos = std::move(kept);
  std::vector<std::pair<std::string, std::string>> wanted; // student id, picture hash
  for (const auto& s : m_students) {
    if (pictureHere(s) && m_photos.count(s.id + "|" + s.picture) == 0) {
      wanted.emplace_back(s.id, s.picture);
    }
  }
  if (wanted.empty()) {
    return;
  }
  // Decoding (and making a missing thumbnail from a synced picture) reads bytes from outside:
  // it runs on the worker, and the list shows the initials until the pixels come back.
  const auto root = blobStore().root();
  m_context.worker.run<std::vector<DecodedPicture>>(
      [root, wanted](store::Database&) {
        const blobs::BlobStore store(root);
        const wxLogNull quiet; // an unreadable picture keeps its placeholder
        std::vector<DecodedPicture> decoded;
        for (const auto& [studentId, hash] : wanted) {
          const auto file = blobs::pictureThumbnail(store, hash);
          wxImage image;
          if (file.empty() || !image.LoadFile(wxString::FromUTF8(file.string()))) {
            continue;
          }
          DecodedPicture picture{studentId + "|" + hash, image.GetWidth(), image.GetHeight(), {}};
          picture.rgb.assign(reinterpret_cast<const char*>(image.GetData()),
                             static_cast<std::size_t>(image.GetWidth()) * image.GetHeight() * 3);
          decoded.push_back(std::move(picture));
        }
        return decoded;
      },
      [this, generation](std::vector<DecodedPicture>& decoded) {
        if (generation != m_pictureGeneration) {
          return; // the list was filled again meanwhile; its own decoding is on its way
        }
        for (auto& picture : decoded) {
          wxImage image(picture.width, picture.height);
          std::copy(picture.rgb.begin(), picture.rgb.end(), image.GetData());
          m_photos[picture.key] = image;
        }
        const int thumb = FromDIP(32);
        for (std::size_t i = 0; i < m_students.size(); ++i) {
          const auto& s = m_students[i];
          if (m_photos.count(s.id + "|" + s.picture)) {
            m_thumbnails->Replace(static_cast<int>(i), studentPicture(s, thumb));
            m_list->RefreshItem(static_cast<long>(i));
          }
        }
        showDetails();
      });
}

int StudentsPanel::picturesShown() const
{
  int shown = 0;
  for (const auto& s : m_students) {
    shown += m_photos.count(s.id + "|" + s.picture) ? 1 : 0;
  }
  return shown;
}

void StudentsPanel::select(const std::string& studentId)
{
  saveNow();
  for (std::size_t i = 0; i < m_students.size(); ++i) {
    if (m_students[i].id == studentId) {
      m_list->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                           wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      m_list->EnsureVisible(static_cast<long>(i));
    }
  }
  m_selected = studentId;
  showDetails();
}

blobs::BlobStore& StudentsPanel::blobStore()
{
  if (!m_blobs) {
    m_blobs = std::make_unique<blobs::BlobStore>(blobs::blobFolderFor(m_context.db.path()));
  }
  return *m_blobs;
}

bool StudentsPanel::pictureHere(const model::Student& student)
{
  return !student.picture.empty() && blobStore().has(student.picture);
}

wxBitmap StudentsPanel::studentPicture(const model::Student& student, int size)
{
  // Decoded on the worker (loadPictures); until then, or without a picture, the initials.
  if (const auto photo = m_photos.find(student.id + "|" + student.picture);
      photo != m_photos.end()) {
    return roundPicture(photo->second, size);
  }
  // A dashed ring: the picture exists but its bytes are not on this device yet.
  return placeholderPicture(student.givenName, student.familyName, size,
                            !student.picture.empty() && !pictureHere(student));
}

void StudentsPanel::setPicture()
{
  if (m_selected.empty()) {
    return;
  }
  wxFileDialog dialog(this, _("Choose a photo"), {}, {},
                      _("Photos (*.jpg;*.jpeg;*.png)|*.jpg;*.jpeg;*.png;*.JPG;*.JPEG;*.PNG"),
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  setPictureFile(dialog.GetPath().utf8_string());
}

void StudentsPanel::setPictureFile(const std::string& file)
{
  if (m_selected.empty()) {
    return;
  }
  // The photo is read, decoded and re-encoded on the worker; the undoable change of the
  // student's picture is made when it is stored.
  const auto root = blobStore().root();
  const std::string id = m_selected;
  m_context.worker.run<std::string>(
      [root, file](store::Database&) {
        blobs::BlobStore store(root);
        return blobs::storePicture(store, file);
      },
      [this, id](std::string& hash) {
        auto& db = m_context.db;
        const std::string before = model::Students(db).get(id).picture;
        auto setHash = [&db, id](const std::string& picture) {
          model::StudentChanges changes;
          changes.picture = picture;
          model::Students(db).update(id, changes);
        };
        m_context.commands.Submit(new ModelCommand(
            _("Set picture"), [setHash, after = hash] { setHash(after); },
            [setHash, before] { setHash(before); }, [this] { reload(); }));
      });
}

void StudentsPanel::addStudent()
{
  if (m_classId.empty()) {
    return;
  }
  wxTextEntryDialog given(this, _("Given name:"), _("Add student"));
  if (given.ShowModal() != wxID_OK) {
    return;
  }
  wxTextEntryDialog family(this, _("Family name:"), _("Add student"));
  if (family.ShowModal() != wxID_OK) {
    return;
  }
  model::Student s;
  s.classId = m_classId;
  s.givenName = given.GetValue().Trim().Trim(false).utf8_string();
  s.familyName = family.GetValue().Trim().Trim(false).utf8_string();
  auto id = std::make_shared<std::string>();
  auto& db = m_context.db;
  m_context.commands.Submit(new ModelCommand(
      _("Add student"), [&db, s, id] { *id = model::Students(db).create(s); },
      [&db, id] { model::Students(db).remove(*id); }, [this] { reload(); }));
  select(*id);
}

void StudentsPanel::removeStudent()
{
  if (m_selected.empty() ||
      wxMessageBox(_("Remove this student and their marks from the class? Edit > Undo brings "
                     "them back."),
                   _("Remove student"), wxYES_NO | wxICON_WARNING, this) != wxYES) {
    return;
  }
  removeStudent(m_selected);
}

void StudentsPanel::removeStudent(const std::string& studentId)
{
  auto& db = m_context.db;
  m_context.commands.Submit(new ModelCommand(
      _("Remove student"), [&db, studentId] { model::Students(db).remove(studentId); },
      [&db, studentId] { model::restoreRecord(db, studentId); }, [this] { reload(); }));
}

bool StudentsPanel::handleCommand(int id)
{
  if (id == ids::kAddStudent) {
    addStudent();
    return true;
  }
  if (id == ids::kRemoveStudent) {
    removeStudent();
    return true;
  }
  if (id == ids::kImportStudents || id == wxID_PASTE) {
    importStudents(id == wxID_PASTE ? clipboardText() : wxString());
    return true;
  }
  return false;
}

} // namespace pupitre::gui
