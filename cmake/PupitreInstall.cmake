# What `cmake --install` (and so every package) puts where: the programs, translations, icons,
# desktop entry, AppStream metainfo, autostart entry, systemd units, the server's
# configuration and the man pages. Two components: `desktop` (the package `pupitre`: the app,
# pupitred, pupitrectl) and `server` (the package `pupitre-server`). Files are in installer/.
include(GNUInstallDirs)

set(installer_dir ${PROJECT_SOURCE_DIR}/installer)
set(installed_dir ${CMAKE_BINARY_DIR}/installer) # configured copies (version, paths)
set(app_id org.pupitre.Pupitre)
set(pupitre_icon_sizes 16 22 24 32 48 64 128 256) # icons/png/pupitre-SIZE.png
string(TIMESTAMP PUPITRE_RELEASE_DATE "%Y-%m-%d" UTC)

# Programs.
install(TARGETS pupitred pupitrectl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT desktop)
install(TARGETS pupitre-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
# The web version's page and assets, as copied next to the server in the build tree
# (server/CMakeLists.txt); the server finds them at this path (static_files.h).
install(DIRECTORY ${CMAKE_BINARY_DIR}/server/web/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/pupitre-server/web COMPONENT server)
if(PUPITRE_BUILD_APP)
  install(TARGETS pupitre RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT desktop)
endif()
# <build>/locale/LANG/LC_MESSAGES/pupitre.mo (cmake/PupitreTranslations.cmake); found from
# /usr/bin as ../share/locale by the app (gui/translations.cpp) and pupitrectl's reports
# (shared/pupitre/reports/language.cpp).
install(DIRECTORY ${CMAKE_BINARY_DIR}/locale/ DESTINATION ${CMAKE_INSTALL_LOCALEDIR}
        COMPONENT desktop)

# The desktop's files.
if(UNIX AND NOT APPLE)
  foreach(size ${pupitre_icon_sizes})
    install(FILES ${PROJECT_SOURCE_DIR}/icons/png/pupitre-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME ${app_id}.png COMPONENT desktop)
  endforeach()
  install(FILES ${PROJECT_SOURCE_DIR}/icons/src/pupitre.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${app_id}.svg
          COMPONENT desktop)
  install(FILES ${installer_dir}/linux/${app_id}.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT desktop)
  configure_file(${installer_dir}/linux/${app_id}.metainfo.xml
                 ${installed_dir}/${app_id}.metainfo.xml @ONLY)
  install(FILES ${installed_dir}/${app_id}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT desktop)
  # The tray at login, for every user (XDG autostart; /etc/xdg with the /usr prefix).
  install(FILES ${installer_dir}/linux/pupitre-tray.desktop
          DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg/autostart COMPONENT desktop)
  # systemd: the daemon as a user unit, enabled by its preset; the server as a system unit.
  # Units live under /usr/lib/systemd whatever CMAKE_INSTALL_LIBDIR says (multiarch).
  configure_file(${installer_dir}/linux/pupitred.service ${installed_dir}/pupitred.service @ONLY)
  install(FILES ${installed_dir}/pupitred.service DESTINATION lib/systemd/user COMPONENT desktop)
  install(FILES ${installer_dir}/linux/80-pupitre.preset DESTINATION lib/systemd/user-preset
          COMPONENT desktop)
  configure_file(${installer_dir}/server/pupitre-server.service
                 ${installed_dir}/pupitre-server.service @ONLY)
  install(FILES ${installed_dir}/pupitre-server.service DESTINATION lib/systemd/system
          COMPONENT server)
  install(FILES ${installer_dir}/server/server.conf
          DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/pupitre-server COMPONENT server)
  # The school policy's commented example, as documentation (docs/deploy.md): IT copies it
  # to /etc/pupitre/policy.conf; the package installs no policy.
  install(FILES ${installer_dir}/linux/policy.conf.example
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/pupitre/examples RENAME policy.conf
          COMPONENT desktop)

  # Man pages, compressed as Debian wants them.
  find_program(GZIP_EXE gzip REQUIRED)
  set(man_pages)
  foreach(page pupitre pupitred pupitrectl pupitre-server)
    configure_file(${installer_dir}/man/${page}.1 ${installed_dir}/man/${page}.1 @ONLY)
    add_custom_command(OUTPUT ${installed_dir}/man/${page}.1.gz
      COMMAND ${GZIP_EXE} -9nf -k ${installed_dir}/man/${page}.1
      DEPENDS ${installed_dir}/man/${page}.1 COMMENT "Compressing the man page ${page}(1)")
    list(APPEND man_pages ${installed_dir}/man/${page}.1.gz)
    set(component desktop)
    if(page STREQUAL "pupitre-server")
      set(component server)
    endif()
    install(FILES ${installed_dir}/man/${page}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
            COMPONENT ${component})
  endforeach()
  # Each package's copyright and changelog (Debian policy; lintian checks them).
  foreach(PUPITRE_PACKAGE pupitre pupitre-server)
    set(package ${PUPITRE_PACKAGE})
    set(component desktop)
    if(package STREQUAL "pupitre-server")
      set(component server)
    endif()
    install(FILES ${installer_dir}/debian/copyright
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
    configure_file(${installer_dir}/debian/changelog.in ${installed_dir}/${package}/changelog
                   @ONLY)
    add_custom_command(OUTPUT ${installed_dir}/${package}/changelog.Debian.gz
      COMMAND ${GZIP_EXE} -9n -c ${installed_dir}/${package}/changelog
              > ${installed_dir}/${package}/changelog.Debian.gz
      DEPENDS ${installed_dir}/${package}/changelog)
    list(APPEND man_pages ${installed_dir}/${package}/changelog.Debian.gz) # built with them
    install(FILES ${installed_dir}/${package}/changelog.Debian.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
  endforeach()
  add_custom_target(pupitre_package_docs ALL DEPENDS ${man_pages})
endif()
