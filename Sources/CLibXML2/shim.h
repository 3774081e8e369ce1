// Warta's view of libxml2: the HTML parser and the tree API, nothing else.
//
// Debian builds libxml2 with LIBXML_ICU_ENABLED, so <libxml/encoding.h> pulls in the system ICU 72 headers,
// while the Swift toolchain ships ICU 76 as the Clang module _FoundationICU. A Swift module that sees both gets
// ODR errors on `enum UErrorCode`, and only on a clean build (CI). Warta never touches the ICU-only fields of
// xmlCharEncodingHandler, so hide them (fix A of ../shared/notes/swift-toolchain-notes.md, section 1.1).
#ifndef WARTA_CLIBXML2_SHIM_H
#define WARTA_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
// The depth limit of libxml2's tree builder (xmlParserMaxDepth) and xmlSwitchToEncoding, for Warta's SAX builder.
#include <libxml/parserInternals.h>

// libxml2's globals, read through functions: Swift 6 refuses to touch shared mutable C globals directly.
static inline void warta_xmlFree(void *pointer) { xmlFree(pointer); }
static inline unsigned int warta_xmlParserMaxDepth(void) { return xmlParserMaxDepth; }

// libxml2 reports some errors (a byte sequence the declared encoding cannot convert: "encoding error : input
// conversion failed", "I/O error : encoder error") through its generic error function, which writes to stderr and
// ignores XML_PARSE_NOERROR and the parser context's handlers. The function is per thread, so it is set to one that
// drops the message before every parse, on the parsing thread.
static void warta_xmlDropGenericError(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}
static inline void warta_xmlSilenceGenericErrors(void) { xmlSetGenericErrorFunc(NULL, warta_xmlDropGenericError); }

#endif
