# Writes OUT, a C++ file defining newsflow::phrases::kPhrasesToml with the bytes of IN.
# Hex escapes rather than a raw string: any byte, any length, no delimiter to collide with.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){32})" "\\1\"\n\"" escaped "${escaped}")
file(WRITE ${OUT} "// Generated from phrases.toml by embed_phrases.cmake; do not edit.\n"
                  "namespace newsflow::phrases {\nextern const char kPhrasesToml[];\n"
                  "const char kPhrasesToml[] =\n\"${escaped}\";\n}  // namespace newsflow::phrases\n")
