# Finds libbtparse (Debian: libbtparse-dev), which ships neither a CMake config nor a
# pkg-config file. Defines the imported target btparse. Used only by bench/ as a baseline.
find_path(BTPARSE_INCLUDE_DIR btparse.h)
find_library(BTPARSE_LIBRARY NAMES btparse)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(btparse REQUIRED_VARS BTPARSE_LIBRARY BTPARSE_INCLUDE_DIR)
if(btparse_FOUND AND NOT TARGET btparse)
  add_library(btparse UNKNOWN IMPORTED)
  set_target_properties(btparse PROPERTIES
    IMPORTED_LOCATION "${BTPARSE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${BTPARSE_INCLUDE_DIR}")
endif()
