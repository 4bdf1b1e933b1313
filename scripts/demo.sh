#!/usr/bin/env bash
# A short scripted tour of pupitrectl on a fresh database: a class, students, assessments,
# marks, attendance, a journal entry, averages, the canonical export and the pending changes.
# Usage: scripts/demo.sh BUILD_DIR [FOLDER]   (FOLDER keeps the database; default: a temp folder)
set -euo pipefail
build=$1
folder=${2:-$(mktemp -d)}
mkdir -p "$folder"
db="$folder/pupitre.db"
rm -f "$db" "$db-wal" "$db-shm"
ctl() { "$build/daemon/pupitrectl" --db "$db" "$@"; }
say() { printf '\n\033[1m$ pupitrectl %s\033[0m\n' "$*"; }

echo "Pupitre demo on $db"
class=$(ctl class add "4B Mathematics" --subject Mathematics --year 2026-2027 --colour '#3366cc')
exams=$(ctl category add "$class" Exams --weight 3)
homework=$(ctl category add "$class" Homework --weight 1)
ana=$(ctl student add "$class" Ana García --email ana.garcia@school.example)
luis=$(ctl student add "$class" Luis Pérez)
marta=$(ctl student add "$class" Marta Ruiz)
t1=$(ctl assessment add "$class" "Fractions test" --category "$exams" --date 2026-10-05 --weight 2)
t2=$(ctl assessment add "$class" "Equations test" --category "$exams" --date 2026-11-09 --scale 0-20 --pass 10)
h1=$(ctl assessment add "$class" "Worksheet 1" --category "$homework" --date 2026-09-28)
ctl mark set "$ana" "$t1" 8.5 >/dev/null
ctl mark set "$ana" "$t2" 17 >/dev/null
ctl mark set "$ana" "$h1" 9 --comment "Very neat" >/dev/null
ctl mark set "$luis" "$t1" 4,5 >/dev/null
ctl mark set "$luis" "$t2" 11 >/dev/null
ctl mark set "$luis" "$h1" "" --status missing >/dev/null
ctl mark set "$marta" "$t1" 6 >/dev/null
ctl mark set "$marta" "$t2" "" --status excused --comment "Ill" >/dev/null
ctl mark set "$marta" "$h1" 7 >/dev/null
ctl attendance set "$luis" 2026-10-05 late >/dev/null
ctl attendance set "$marta" 2026-11-09 justified --note "Doctor" >/dev/null
ctl journal add "$class" 2026-10-05 "Fractions test; corrected together afterwards." --title "Test day" --done >/dev/null

say list students; ctl list students
say list marks --class "$class"; ctl list marks --class "$class"
say averages "$class"; ctl averages "$class"
say mark set "$luis" "$t1" 12 '   (outside the 0-10 scale)'; ctl mark set "$luis" "$t1" 12 || true
say pending; ctl pending
say export; ctl export | head -n 12; echo "  ..."
echo
echo "The database is $db; try: $build/daemon/pupitrectl --db $db --help"
