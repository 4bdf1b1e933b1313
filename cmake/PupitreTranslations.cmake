# Translations: po/*.po -> <build>/locale/<lang>/LC_MESSAGES/pupitre.mo, found at run time
# next to the executable's folder (translations.cpp). `--target pupitre-pot` refreshes the
# template from the sources.
find_program(MSGFMT_EXE msgfmt REQUIRED)
file(GLOB po_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/po/*.po)
set(mo_files)
foreach(po IN LISTS po_files)
  get_filename_component(lang ${po} NAME_WE)
  set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/pupitre.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
    COMMAND ${MSGFMT_EXE} --check -o ${mo} ${po}
    DEPENDS ${po} COMMENT "Compiling the ${lang} translation")
  list(APPEND mo_files ${mo})
endforeach()
add_custom_target(pupitre_translations ALL DEPENDS ${mo_files})
