# Common build flags for every Dimos target (adapted from qBittorrent's common-config target).
add_library(dimos_build_flags INTERFACE)
target_compile_features(dimos_build_flags INTERFACE cxx_std_20)
target_compile_definitions(dimos_build_flags INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER QT_DISABLE_DEPRECATED_UP_TO=0x060400 QT_NO_KEYWORDS
    DIMOS_VERSION="${PROJECT_VERSION}"
    $<$<BOOL:${DIMOS_WERROR}>:_GLIBCXX_ASSERTIONS>)
target_compile_options(dimos_build_flags INTERFACE -Wall -Wextra -Wpedantic
    -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
    $<$<BOOL:${DIMOS_WERROR}>:-Werror>)
