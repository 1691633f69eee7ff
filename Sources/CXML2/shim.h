// libxml2's streaming reader, for the XML inside .xlsx workbooks.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, whose headers would clash with the copy Foundation carries;
// chibo uses no ICU-backed encoding handler (workbook XML is UTF-8), so the declarations are left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
