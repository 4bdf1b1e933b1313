#pragma once
// How people's names sort for the teacher, the same on every screen (gradebook, students,
// attendance) and in the CLI: by the user's collation (LC_COLLATE, e.g. es_ES.UTF-8 puts
// "Álvarez" first and "Ñúñez" after "Nuño"), and where the locale has none (C, POSIX,
// C.UTF-8: code-point order would put "Zamora" before "Álvarez") with Latin accents folded
// and case ignored. No ICU: the C library's strxfrm.
#include <string>
#include <vector>

namespace pupitre::model {

struct Student;

// A key that orders as the name does (compare keys with <). Depends on the process's
// LC_COLLATE at the time of the call: compare only keys made under the same locale.
std::string nameSortKey(const std::string& utf8);
// Sorts by family name, then given name, then id (a stable, total order).
void sortByName(std::vector<Student>& students);

} // namespace pupitre::model
