#pragma once
// This device's own choices, kept in the database's local settings (never synced): what
// "Synchronise now" includes, and the grading defaults new assessments start from.
#include "sync/daemon_link.h"

#include "pupitre/model/scale.h"
#include "pupitre/sync/engine.h"

#include <string>
#include <vector>

namespace pupitre::store {
class Database;
}

namespace pupitre::gui {

namespace settings {
inline constexpr const char* kSyncPictures = sync::settings::kIncludePictures;
inline constexpr const char* kSyncResources = sync::settings::kIncludeResources;
inline constexpr const char* kGradingScale = "grading.scale";        // "0..10" or "A=10;B=8;..."
inline constexpr const char* kGradingPassMark = "grading.pass_mark"; // a number on the scale
inline constexpr const char* kGradingRounding = "grading.rounding";  // averages' step: "0.1"
} // namespace settings

// Data always; pictures and resources as this device last chose.
SyncOptions defaultSyncOptions(store::Database& db);
void saveSyncChoices(store::Database& db, const SyncOptions& options);

// A scale the Grading page offers: its name for the teacher and its setting text.
struct ScaleChoice
{
  std::string label; // translated ("0 to 10", "Letters A to F")
  std::string spec;  // "0..10" or "A=10;B=8;C=6;D=4;F=0"
};
std::vector<ScaleChoice> scaleChoices();

// The scale a spec names: "MIN..MAX" numeric, otherwise symbols. ValidationError if malformed.
model::Scale scaleFromSpec(const std::string& spec, std::optional<double> passMark = {});

struct GradingDefaults
{
  std::string scale = "0..10";
  double passMark = 5;
  double rounding = 0.1; // averages are rounded to a multiple of this
  // The scale with its pass mark, as new assessments get it.
  model::Scale toScale() const { return scaleFromSpec(scale, passMark); }
};
GradingDefaults gradingDefaults(store::Database& db);
// Validates (ValidationError with the sentence to show) and stores.
void saveGradingDefaults(store::Database& db, const GradingDefaults& defaults);

} // namespace pupitre::gui
