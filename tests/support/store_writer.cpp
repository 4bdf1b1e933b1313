// store_writer DATABASE LABEL START_MS UNTIL_MS
// Another program writing the same Pupitre database as the test: from START_MS to UNTIL_MS
// (ms since the epoch) it adds records through the model's repositories, then prints what it
// wrote ("written journal=… marks=…"). Exits 1, after printing "error: …", on any failure
// ("database is locked" above all).
#include "support/store_writer.h"
#include "pupitre/store/database.h"

#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
  if (argc != 5) {
    std::cout << "error: usage: store_writer DATABASE LABEL START_MS UNTIL_MS" << std::endl;
    return 2;
  }
  pupitre::test::WrittenRecords written;
  try {
    pupitre::store::Database db(argv[1]);
    written = pupitre::test::writeRecords(db, argv[2], std::stoll(argv[3]), std::stoll(argv[4]));
  } catch (const std::exception& e) {
    written.error = e.what();
  }
  std::cout << pupitre::test::writtenLine(written) << std::endl;
  if (!written.error.empty()) {
    std::cout << "error: " << written.error << std::endl;
    return 1;
  }
  return 0;
}
