# dimos_add_test(NAME tst_Foo SOURCES tst_Foo.cpp LIBS dimos_server_core)
# One Qt Test executable per suite, registered with CTest; runs offscreen with a private
# XDG/HOME so tests never touch the developer's own settings.
function(dimos_add_test)
    cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test dimos_build_flags ${T_LIBS})
    target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests)
    target_compile_definitions(${T_NAME} PRIVATE
        DIMOS_SOURCE_DIR="${PROJECT_SOURCE_DIR}" DIMOS_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data")
    # Tests that import GIS files (the demo seeder's boundary, too) run the GIS reader.
    if(TARGET dimos-gis-read)
        add_dependencies(${T_NAME} dimos-gis-read)
    endif()
    # Tests that issue answers of e-Dimotis requests run the PDF program.
    if(TARGET dimos-pdf)
        add_dependencies(${T_NAME} dimos-pdf)
    endif()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
        TIMEOUT 300)
endfunction()
