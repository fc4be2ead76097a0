# DIMOS_SANITIZE=ON builds everything with AddressSanitizer + UndefinedBehaviorSanitizer.
if(DIMOS_SANITIZE)
    target_compile_options(dimos_build_flags INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(dimos_build_flags INTERFACE -fsanitize=address,undefined)
endif()
