# macOS: Pupitre.app with pupitred and pupitrectl inside (Contents/MacOS), its Info.plist
# and icon, the LaunchAgent for the daemon, and a DMG (DragNDrop) to hand out. Written and
# reviewed, never built: this project builds on Debian only (docs/deploy.md, "macOS").
# Included from CMakeLists.txt on APPLE instead of the Linux install rules.
set(mac_dir ${PROJECT_SOURCE_DIR}/installer/macos)
configure_file(${mac_dir}/Info.plist.in ${CMAKE_BINARY_DIR}/installer/Info.plist @ONLY)

if(PUPITRE_BUILD_APP)
  set_target_properties(pupitre PROPERTIES
    MACOSX_BUNDLE TRUE
    OUTPUT_NAME pupitre
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_BINARY_DIR}/installer/Info.plist)
  # The icon: icons/render.sh makes Pupitre.icns from icons/src/pupitre.svg (iconutil).
  set(icns ${PROJECT_SOURCE_DIR}/icons/Pupitre.icns)
  if(EXISTS ${icns})
    target_sources(pupitre PRIVATE ${icns})
    set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  endif()
  install(TARGETS pupitre BUNDLE DESTINATION . COMPONENT desktop)
  # The daemon and the command-line tool live inside the bundle, beside the app.
  install(TARGETS pupitred pupitrectl RUNTIME DESTINATION Pupitre.app/Contents/MacOS
          COMPONENT desktop)
  install(DIRECTORY ${CMAKE_BINARY_DIR}/locale/ DESTINATION Pupitre.app/Contents/Resources/locale
          COMPONENT desktop)
  install(FILES ${mac_dir}/org.pupitre.pupitred.plist
          DESTINATION Pupitre.app/Contents/Library/LaunchAgents COMPONENT desktop)
endif()
install(TARGETS pupitre-server RUNTIME DESTINATION bin COMPONENT server)

set(CPACK_GENERATOR DragNDrop)
set(CPACK_PACKAGE_NAME Pupitre)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Pupitre developers")
set(CPACK_DMG_VOLUME_NAME "Pupitre ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_COMPONENTS_ALL desktop)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
include(CPack)
