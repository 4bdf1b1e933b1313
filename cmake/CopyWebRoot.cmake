# cmake -DSOURCE=web -DDESTINATION=build/server/web -P CopyWebRoot.cmake: the web version's page
# and assets next to pupitre-server in the build tree, which finds them there
# (server/web/static_files.h, defaultWebRoot). Files that did not change are not copied again.
file(MAKE_DIRECTORY "${DESTINATION}")
if(EXISTS "${SOURCE}")
  file(COPY "${SOURCE}/" DESTINATION "${DESTINATION}")
endif()
