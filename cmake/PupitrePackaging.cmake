# DEB and RPM packages through CPack (scripts/package.sh runs it): `pupitre` (the app, the
# daemon and pupitrectl) and `pupitre-server`. Dependencies are computed from the binaries
# (dpkg-shlibdeps; rpmbuild's own scan), so a package asks for exactly the libraries it links.
set(CPACK_PACKAGE_NAME pupitre)
set(CPACK_PACKAGE_VENDOR "The Pupitre developers")
set(CPACK_PACKAGE_CONTACT "The Pupitre developers <packaging@pupitre.example.org>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://pupitre.example.org/")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# No CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPackDeb would put it above each package's own first
# line; every package's summary is the first line of its description below.
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_COMPONENTS_ALL desktop server)
set(CPACK_GENERATOR DEB RPM)

# Debian.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME pupitre)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME pupitre-server)
set(pupitre_desktop_summary "teacher's gradebook and class journal")
set(pupitre_server_summary "sync server for the Pupitre gradebook")
set(CPACK_DEBIAN_DESKTOP_DESCRIPTION "${pupitre_desktop_summary}
Marks, attendance, a class journal, students with their pictures and
resources, kept on this computer and usable offline. With a multi-device
licence the sync daemon (pupitred) brings every device of the account and
the web version to the same data.")
set(CPACK_DEBIAN_SERVER_DESCRIPTION "${pupitre_server_summary}
Accounts, licences, devices, the synchronised data and files of Pupitre's
teachers, and the sync API the desktop devices use. Runs as the systemd
service pupitre-server; its settings are in /etc/pupitre-server/server.conf.")
# The Debian revision: 0.1.0-1 (a native version would want another changelog name).
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/installer/debian/desktop/conffiles;${PROJECT_SOURCE_DIR}/installer/debian/desktop/postinst;${PROJECT_SOURCE_DIR}/installer/debian/desktop/postrm")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/installer/debian/server/conffiles;${PROJECT_SOURCE_DIR}/installer/debian/server/postinst;${PROJECT_SOURCE_DIR}/installer/debian/server/prerm;${PROJECT_SOURCE_DIR}/installer/debian/server/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS adduser) # postinst makes the system user `pupitre`
# wxWidgets' own strings (stock buttons: Cancel, Yes, No) in the teacher's language.
# The reports' PDFs (docs/reports.md): DejaVu for Latin, Greek, Cyrillic and Arabic names, Noto
# and WenQuanYi for the rest and Chinese; the libraries come through dpkg-shlibdeps.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS fonts-dejavu-core)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "wx3.2-i18n, fonts-noto-core, fonts-wqy-microhei")

# RPM.
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Proprietary")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Education")
set(CPACK_RPM_DESKTOP_PACKAGE_NAME pupitre)
set(CPACK_RPM_SERVER_PACKAGE_NAME pupitre-server)
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_DESKTOP_PACKAGE_SUMMARY "${pupitre_desktop_summary}")
set(CPACK_RPM_SERVER_PACKAGE_SUMMARY "${pupitre_server_summary}")
set(CPACK_RPM_DESKTOP_PACKAGE_DESCRIPTION "${CPACK_DEBIAN_DESKTOP_DESCRIPTION}")
set(CPACK_RPM_SERVER_PACKAGE_DESCRIPTION "${CPACK_DEBIAN_SERVER_DESCRIPTION}")
set(CPACK_RPM_DESKTOP_USER_FILELIST "%config(noreplace) /etc/xdg/autostart/pupitre-tray.desktop")
set(CPACK_RPM_SERVER_USER_FILELIST "%config(noreplace) /etc/pupitre-server/server.conf")
set(CPACK_RPM_SERVER_PRE_INSTALL_SCRIPT_FILE ${PROJECT_SOURCE_DIR}/installer/rpm/server-pre)
set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE ${PROJECT_SOURCE_DIR}/installer/rpm/server-post)
set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE ${PROJECT_SOURCE_DIR}/installer/rpm/server-preun)
set(CPACK_RPM_DESKTOP_POST_INSTALL_SCRIPT_FILE ${PROJECT_SOURCE_DIR}/installer/rpm/desktop-post)
# useradd and groupadd for the server's system user (installer/rpm/server-pre).
set(CPACK_RPM_SERVER_PACKAGE_REQUIRES_PRE shadow-utils)
# Folders the system owns already (filesystem, hicolor-icon-theme, systemd): rpmbuild would
# otherwise claim them for the package.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /etc/xdg /etc/xdg/autostart /usr/lib/systemd /usr/lib/systemd/user /usr/lib/systemd/system
    /usr/lib/systemd/user-preset /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
    /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps
    /usr/share/man /usr/share/man/man1 /usr/share/applications /usr/share/locale)
foreach(size ${pupitre_icon_sizes}) # PupitreInstall.cmake
  list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
       /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()
file(GLOB po_files ${PROJECT_SOURCE_DIR}/po/*.po)
foreach(po ${po_files})
  get_filename_component(language ${po} NAME_WE)
  list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/share/locale/${language}
       /usr/share/locale/${language}/LC_MESSAGES)
endforeach()

include(CPack)
cpack_add_component(desktop DISPLAY_NAME "Pupitre" DESCRIPTION "The app, its daemon and pupitrectl")
cpack_add_component(server DISPLAY_NAME "Pupitre server" DESCRIPTION "The sync server")
