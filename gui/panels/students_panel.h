#pragma once
// The Students tab: the class's students with picture thumbnails (a placeholder with their
// initials when there is no picture, or when it is not on this device yet), and their details
// (names, e-mail, notes) to edit, saved as the teacher types (student_details.cpp).
#include "class_page.h"
#include "pupitre/model/students.h"

#include "pupitre/blobs/blob_store.h"

#include <wx/bitmap.h>
#include <wx/image.h>
#include <wx/panel.h>
#include <wx/timer.h>

#include <map>
#include <memory>

#include <string>
#include <vector>

class wxButton;
class wxImageList;
class wxListView;
class wxStaticBitmap;
class wxStaticText;
class wxTextCtrl;

namespace pupitre::gui {

class StudentsPanel : public wxPanel, public ClassPage
{
public:
  StudentsPanel(wxWindow* parent, AppContext context);

  wxWindow* window() override { return this; }
  void showClass(const std::string& classId) override;
  void reload() override;
  bool handleCommand(int id) override;

  wxListView* list() const { return m_list; }
  wxButton* setPictureButton() const { return m_setPicture; }
  void select(const std::string& studentId);
  const std::string& selectedStudent() const { return m_selected; }
  wxTextCtrl* notesField() const { return m_notes; }
  wxTextCtrl* emailField() const { return m_email; }
  wxTextCtrl* familyField() const { return m_family; }
  // Why some typed details are not saved yet ("" when all are): shown beside the fields.
  wxString detailsError() const;
  // Saves the details typed so far as one undoable step (also 700 ms after the last key, and
  // before another student, class or the window's closing replaces them). Details that cannot
  // be saved (a malformed e-mail, no name at all) stay typed in their fields, with the reason.
  void saveNow();
  // What "Set picture…" does once the file is chosen: the photo is decoded and stored on the
  // worker, then set as the student's picture (undoable).
  void setPictureFile(const std::string& file);
  // How many students of the list show their decoded picture (the others, their initials).
  int picturesShown() const;
  // What "Remove student" does once confirmed (undoable: Undo brings the student back).
  void removeStudent(const std::string& studentId);
  // Class > Import students… (and a paste on this tab): the import dialog, over `pasted`.
  void importStudents(const wxString& pasted = {});
  // What the import dialog's OK does: one undoable command creates them all; Undo removes
  // them all. Returns their ids.
  std::vector<std::string> createStudents(const std::vector<model::Student>& students);

private:
  void showDetails();
  void edited();
  const model::Student* studentById(const std::string& id) const;
  void addStudent();
  void removeStudent();
  void setPicture();
  blobs::BlobStore& blobStore();
  bool pictureHere(const model::Student& student);
  // Decodes the list's pictures on the worker and shows them when they arrive.
  void loadPictures();
  wxBitmap studentPicture(const model::Student& student, int size);

  AppContext m_context;
  std::string m_classId;
  std::string m_selected;
  std::vector<model::Student> m_students;
  wxListView* m_list;
  wxImageList* m_thumbnails;
  wxStaticBitmap* m_picture;
  wxButton* m_setPicture;
  wxTextCtrl* m_given;
  wxTextCtrl* m_family;
  wxTextCtrl* m_email;
  wxTextCtrl* m_notes;
  wxStaticText* m_error;
  struct Draft // what was typed for a student and could not be saved yet
  {
    wxString given, family, email, notes, error;
  };
  std::map<std::string, Draft> m_drafts; // by student id
  std::string m_editing;                 // the student whose details the fields show
  bool m_dirty = false;                  // typed since the last save
  bool m_filling = false;                // the fields are being filled, not typed in
  wxTimer m_saveTimer;
  std::unique_ptr<blobs::BlobStore> m_blobs; // pictures' bytes, beside the database
  std::map<std::string, wxImage> m_photos;   // "student id|picture hash" -> decoded thumbnail
  unsigned m_pictureGeneration = 0;          // which loadPictures the list waits for
};

} // namespace pupitre::gui
