# Imported targets for Debian-packaged dependencies. No third-party source lives here:
# every target below points at headers and libraries that scripts/setup-deps.sh installs.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET GLOBAL
  libavformat libavcodec libavutil libswscale libswresample libavfilter)
add_library(ll::ffmpeg ALIAS PkgConfig::FFMPEG)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET GLOBAL sqlite3)
add_library(ll::sqlite3 ALIAS PkgConfig::SQLITE3)

pkg_check_modules(UUID REQUIRED IMPORTED_TARGET GLOBAL uuid)
add_library(ll::uuid ALIAS PkgConfig::UUID)

pkg_check_modules(PORTAUDIO REQUIRED IMPORTED_TARGET GLOBAL portaudio-2.0)
add_library(ll::portaudio ALIAS PkgConfig::PORTAUDIO)

pkg_check_modules(PNG REQUIRED IMPORTED_TARGET GLOBAL libpng)
add_library(ll::png ALIAS PkgConfig::PNG)

# FFTW3, single precision (libfftw3f): the talk-time engine's real-to-complex transforms.
pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET GLOBAL fftw3f)
add_library(ll::fftw3f ALIAS PkgConfig::FFTW3F)

# utf8proc: one Unicode spelling (NFC) for reviewer names and tags, whatever keyboard typed them.
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET GLOBAL libutf8proc)
add_library(ll::utf8proc ALIAS PkgConfig::UTF8PROC)

find_package(glfw3 3.3 REQUIRED)
find_package(OpenGL REQUIRED COMPONENTS OpenGL)

# Debian's libimgui-dev ships imgui, imgui_stdlib and the GLFW / OpenGL3 backends in one static
# library, built with imgui's own GL loader; the pkg-config file names the include directory.
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET GLOBAL imgui)
add_library(ll_imgui INTERFACE)
target_link_libraries(ll_imgui INTERFACE PkgConfig::IMGUI glfw OpenGL::GL ${CMAKE_DL_LIBS})
add_library(ll::imgui ALIAS ll_imgui)

find_package(nlohmann_json 3.10 REQUIRED)
add_library(ll::json ALIAS nlohmann_json::nlohmann_json)

find_package(CLI11 REQUIRED)
add_library(ll::cli11 ALIAS CLI11::CLI11)

find_package(pugixml REQUIRED)
add_library(ll::pugixml ALIAS pugixml::pugixml)

if(LESSONLENS_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
