#pragma once
// The Resources tab: the class's files (name, size, type, whether the bytes are on this
// device), with add, open and remove.
#include "class_page.h"
#include "pupitre/model/resources.h"

#include "pupitre/blobs/blob_store.h"

#include <wx/panel.h>

#include <memory>

#include <string>
#include <vector>

class wxButton;
class wxListView;

namespace pupitre::gui {

class ResourcesPanel : public wxPanel, public ClassPage
{
public:
  ResourcesPanel(wxWindow* parent, AppContext context);

  wxWindow* window() override { return this; }
  void showClass(const std::string& classId) override;
  void reload() override;
  wxListView* list() const { return m_list; }
  // What "Add file…" does once the file is chosen (undoable).
  void addFile(const std::string& file);

private:
  void chooseFile();
  void openSelected();
  void removeSelected();
  blobs::BlobStore& blobStore();

  AppContext m_context;
  std::string m_classId;
  std::vector<model::Resource> m_resources;
  wxListView* m_list;
  std::unique_ptr<blobs::BlobStore> m_blobs; // the files' bytes, beside the database
};

// "12 KB", "3.4 MB".
wxString formatSize(std::int64_t bytes);

} // namespace pupitre::gui
