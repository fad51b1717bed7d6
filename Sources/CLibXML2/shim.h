#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, and libxml/encoding.h then includes the system's ICU headers,
   whose UErrorCode clashes with the copy of ICU inside Foundation (_FoundationICU): builds fail
   at random with "'UErrorCode' has different definitions in different modules". pylon-kb never
   touches the ICU converters at the end of libxml2's encoding handler struct (only pointers to
   it pass through), so the Swift view leaves them out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
