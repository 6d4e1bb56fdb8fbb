#ifndef DEBRIEF_CLIBXML2_SHIM_H
#define DEBRIEF_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's headers pull in ICU, whose UErrorCode clashes with Foundation's copy.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/globals.h>

/// xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void debrief_xml_free(void *pointer) { xmlFree(pointer); }
static inline const char *debrief_xml_version(void) { return LIBXML_DOTTED_VERSION; }
#endif
