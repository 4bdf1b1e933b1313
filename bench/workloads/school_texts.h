#pragma once
// The words a generated school year is made of: names, subjects, topics, comments, notes.
#include <string_view>

namespace pupitre::bench::texts {

inline constexpr std::string_view kGivenNames[] = {
    "Ana",   "Lucas", "Zoé",     "Hugo",    "Inès",   "Mateo",   "Chloé",   "Noah",
    "Lucía", "Adam",  "Emma",    "Gabriel", "Léa",    "Louis",   "Sofía",   "Martín",
    "Amira", "Yanis", "Manon",   "Jules",   "Camila", "Raphaël", "Olivia",  "Omar",
    "Nora",  "Elias", "Alba",    "Nathan",  "Maya",   "Arthur",  "Jade",    "Pablo",
    "Lina",  "Théo",  "Valeria", "Samuel",  "Clara",  "Daniel",  "Aïcha",   "Tomás",
    "Julia", "Ethan", "Paula",   "Liam",    "Elena",  "Mohamed", "Louise",  "Diego",
    "Alice", "Iker",  "Rose",    "Enzo",    "Sara",   "Nicolás", "Margaux", "Álvaro",
    "Anaïs", "Sacha", "Irene",   "Kenji",   "Mia",    "Bruno",   "Eva",     "Oscar"};

inline constexpr std::string_view kFamilyNames[] = {
    "Martin",   "García",  "Bernard",   "Fernández", "Dubois",   "López",   "Thomas",   "Martínez",
    "Robert",   "Sánchez", "Richard",   "Pérez",     "Petit",    "Gómez",   "Durand",   "Ruiz",
    "Leroy",    "Díaz",    "Moreau",    "Hernández", "Simon",    "Muñoz",   "Laurent",  "Álvarez",
    "Lefèvre",  "Romero",  "Michel",    "Navarro",   "Fontaine", "Torres",  "Rousseau", "Domínguez",
    "Vincent",  "Gil",     "Mercier",   "Vázquez",   "Blanc",    "Serrano", "Guérin",   "Ramos",
    "Boyer",    "Molina",  "Chevalier", "Ortega",    "Faure",    "Delgado", "Nguyen",   "Haddad",
    "Kowalski", "Rossi",   "Müller",    "O'Brien",   "Silva",    "Benali",  "Schmidt",  "Costa"};

struct Subject
{
  std::string_view name;
  std::string_view topics[8];
};

inline constexpr Subject kSubjects[] = {
    {"Mathematics",
     {"Fractions", "Proportionality", "Linear equations", "Pythagoras' theorem", "Statistics",
      "Functions", "Geometry in space", "Probability"}},
    {"French",
     {"The short story", "Argumentative writing", "Poetry", "Theatre: Molière", "Grammar: tenses",
      "The novel", "Oral expression", "Spelling review"}},
    {"History",
     {"The French Revolution", "Industrialisation", "The First World War", "The Interwar years",
      "The Second World War", "Decolonisation", "The Cold War", "Building Europe"}},
    {"Biology",
     {"The cell", "Digestion", "Blood circulation", "Genetics", "Ecosystems", "Evolution",
      "The immune system", "Plant biology"}},
    {"Physics",
     {"States of matter", "Electric circuits", "Forces and motion", "Energy", "Light", "Sound",
      "Chemical reactions", "The solar system"}},
    {"English",
     {"Daily routines", "Past simple", "Travel and holidays", "The environment", "Media",
      "Short stories", "Present perfect", "Debating"}},
    {"Geography",
     {"Maps and scales", "Cities of the world", "Climate zones", "Water resources", "Population",
      "Globalisation", "Natural hazards", "Tourism"}},
    {"Music",
     {"Rhythm", "The orchestra", "Baroque music", "Film music", "Singing together", "Jazz",
      "Composing a melody", "Music and technology"}},
};

inline constexpr std::string_view kColours[] = {"#3366cc", "#dc3912", "#ff9900", "#109618",
                                                "#990099", "#0099c6", "#dd4477", "#66aa00"};

inline constexpr std::string_view kStudentNotes[] = {"Needs extra time in written tests.",
                                                     "Sits near the board (eyesight).",
                                                     "Allergic to nuts.",
                                                     "Class delegate.",
                                                     "Joined the school in September.",
                                                     "Dyslexia: larger print for handouts."};

inline constexpr std::string_view kGoodComments[] = {"Excellent work.", "Very clear reasoning.",
                                                     "Well presented, keep it up.",
                                                     "Great improvement since the last one."};
inline constexpr std::string_view kAverageComments[] = {
    "Good effort; check your calculations.", "Some careless mistakes.",
    "Correct method, unfinished.", "Watch the presentation."};
inline constexpr std::string_view kWeakComments[] = {
    "Review the lesson and redo exercise 3.", "Incomplete: see me after class.",
    "The basics need more practice.", "Come to the Tuesday support session."};

inline constexpr std::string_view kExcusedComments[] = {
    "Medical certificate.", "Away on a school trip.", "Sports competition."};
inline constexpr std::string_view kMissingComments[] = {"Not handed in.",
                                                        "Absent, no justification."};

inline constexpr std::string_view kAbsenceNotes[] = {"Doctor's appointment.", "Family reasons.",
                                                     "Ill (note from parents).",
                                                     "Sports competition.", "Dentist."};
inline constexpr std::string_view kLateNotes[] = {"The bus was late.", "Overslept.",
                                                  "Came from the nurse's office."};

inline constexpr std::string_view kActivities[] = {
    "introduction",       "exercises",     "group work", "correction of homework", "revision",
    "worksheet",          "oral practice", "short quiz", "video and discussion",   "project work",
    "review of the test", "lab session"};

inline constexpr std::string_view kHomework[] = {
    "Exercises 4 to 9, page 52.", "Learn the summary for Thursday.",   "Finish the worksheet.",
    "Read the next chapter.",     "Prepare questions for the debate.", "No homework.",
    "Revise for the test.",       "Write a half-page summary."};

} // namespace pupitre::bench::texts
