/* sc-framework-loader.c: reading a framework from XML, safely
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frameworks come from outside (a publisher, a colleague's USB stick), so the
 * loader trusts nothing: it parses from memory with no network and no
 * external files, stops at the first sign of a DTD (which is where entity
 * expansion attacks live), then builds the model with its own checks, whose
 * messages say what to fix, and runs the RELAX NG schema as a backstop.
 */
#include "sc-framework-private.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* A file with a thousand mistakes gets the first ones: enough to start fixing. */
#define MAX_PROBLEMS 50

typedef struct
{
  const char *filename;
  GPtrArray *problems;
  ScFrameworkError code;
  ScFramework *fw;
  GHashTable *ids;      /* id -> line of its first use */
  GHashTable *lines;    /* model object -> line, for checks made after the walk */
  GPtrArray *parents;   /* Pending* for indicator parents */
  GPtrArray *conditions; /* Pending* for show-if conditions */
} Loader;

typedef struct
{
  gpointer object;
  gpointer extra;
  char *ref;
  guint line;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->ref);
  g_free (pending);
}

static void
add_pending (GPtrArray *list,
             gpointer   object,
             gpointer   extra,
             const char *ref,
             guint      line)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->object = object;
  pending->extra = extra;
  pending->ref = g_strdup (ref);
  pending->line = line;
  g_ptr_array_add (list, pending);
}

/* Problems */

G_GNUC_PRINTF (3, 4)
static void
problem (Loader     *l,
         guint       line,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (l->problems->len > MAX_PROBLEMS)
    return;
  if (l->problems->len == MAX_PROBLEMS)
    {
      g_ptr_array_add (l->problems,
                       g_strdup_printf (_("%s: more problems follow; fix these first"),
                                        l->filename));
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_ptr_array_add (l->problems, g_strdup_printf ("%s:%u: %s", l->filename, line, message));
  else
    g_ptr_array_add (l->problems, g_strdup_printf ("%s: %s", l->filename, message));
}

static guint
line_of (xmlNode *node)
{
  long line = xmlGetLineNo (node);

  return line > 0 ? (guint) line : 0;
}

/* Safe parsing */

static Loader *
loader_of (void *ctx)
{
  xmlParserCtxtPtr ctxt = ctx;

  return ctxt != NULL ? ctxt->_private : NULL;
}

static guint
parser_line (xmlParserCtxtPtr ctxt)
{
  return ctxt != NULL && ctxt->input != NULL && ctxt->input->line > 0
           ? (guint) ctxt->input->line
           : 0;
}

static void
refuse (xmlParserCtxtPtr ctxt,
        const char      *message)
{
  Loader *l = loader_of (ctxt);

  if (l != NULL && l->code != SC_FRAMEWORK_ERROR_FORBIDDEN)
    {
      l->code = SC_FRAMEWORK_ERROR_FORBIDDEN;
      problem (l, parser_line (ctxt), "%s", message);
    }
  xmlStopParser (ctxt);
}

/* Called as soon as "<!DOCTYPE name ..." is read, before any internal subset
 * is parsed: nothing of a DTD is ever processed. */
static void
on_doctype (void          *ctx,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  refuse (ctx, _("document type declarations (<!DOCTYPE …>) are not allowed in a "
                 "framework; remove the declaration"));
}

static void
on_entity_decl (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  refuse (ctx, _("entity declarations are not allowed in a framework; remove them"));
}

static xmlParserInputPtr
deny_external (const char      *url,
               const char      *id,
               xmlParserCtxtPtr ctxt)
{
  if (ctxt != NULL && loader_of (ctxt) != NULL)
    refuse (ctxt, _("a framework cannot refer to other files or addresses; "
                    "put everything in the one file"));
  return NULL;
}

static char *
plain_libxml_message (const char *message)
{
  char *copy = g_strdup (message != NULL ? message : "");

  return g_strstrip (copy);
}

static void
on_parse_error (void       *ctx,
                xmlErrorPtr error)
{
  Loader *l = loader_of (ctx);
  g_autofree char *message = NULL;

  if (l == NULL || error->level < XML_ERR_ERROR || error->code == XML_ERR_USER_STOP)
    return;
  if (l->code == SC_FRAMEWORK_ERROR_FORBIDDEN)
    return;
  l->code = SC_FRAMEWORK_ERROR_MALFORMED;
  message = plain_libxml_message (error->message);
  problem (l, error->line > 0 ? (guint) error->line : 0,
           _("this is not well-formed XML: %s"), message);
}

static void
install_entity_guard (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (deny_external);
      g_once_init_leave (&done, 1);
    }
}

static xmlDoc *
parse_safely (Loader     *l,
              const char *data,
              gsize       size)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlDoc *doc;

  if (ctxt == NULL)
    {
      problem (l, 0, _("out of memory while reading the file"));
      return NULL;
    }
  ctxt->_private = l;
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->externalSubset = on_doctype;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->serror = on_parse_error;

  doc = xmlCtxtReadMemory (ctxt, data, (int) size, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  if (doc != NULL && (l->problems->len > 0 || !ctxt->wellFormed))
    g_clear_pointer (&doc, xmlFreeDoc);
  if (doc == NULL && l->problems->len == 0)
    {
      l->code = SC_FRAMEWORK_ERROR_MALFORMED;
      problem (l, parser_line (ctxt), _("this is not well-formed XML"));
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* Walking the tree */

static gboolean
is_ours (xmlNode *node)
{
  return node->ns != NULL && g_strcmp0 ((const char *) node->ns->href, SC_FRAMEWORK_NS) == 0;
}

static gboolean
has_name (xmlNode    *node,
          const char *name)
{
  return g_str_equal ((const char *) node->name, name);
}

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Returns the next element child of PARENT after CHILD (or the first when
 * CHILD is NULL), complaining about stray text and foreign elements. */
static xmlNode *
next_element (Loader  *l,
              xmlNode *parent,
              xmlNode *child)
{
  for (xmlNode *n = child != NULL ? child->next : parent->children; n != NULL; n = n->next)
    {
      if (n->type == XML_TEXT_NODE && !is_blank (n->content))
        problem (l, line_of (n), _("unexpected text inside <%s>; text belongs in elements "
                                   "such as <title> or <text>"),
                 parent->name);
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!is_ours (n))
        {
          problem (l, line_of (n), _("<%s> is not in the framework namespace “%s”"), n->name,
                   SC_FRAMEWORK_NS);
          continue;
        }
      return n;
    }
  return NULL;
}

static void
unexpected (Loader  *l,
            xmlNode *node)
{
  problem (l, line_of (node), _("<%s> does not belong inside <%s>"), node->name,
           node->parent->name);
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);
  return copy;
}

static char *
require_attr (Loader     *l,
              xmlNode    *node,
              const char *name)
{
  char *value = get_attr (node, name);

  if (value == NULL || *value == '\0')
    {
      problem (l, line_of (node), _("<%s> needs a “%s” attribute"), node->name, name);
      g_clear_pointer (&value, g_free);
    }
  return value;
}

static gboolean
valid_id (const char *id)
{
  if (!g_ascii_isalnum (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
check_id_syntax (Loader     *l,
                 xmlNode    *node,
                 const char *id)
{
  if (valid_id (id))
    return TRUE;
  problem (l, line_of (node),
           _("“%s” is not a usable id: start with a letter or digit and use only letters, "
             "digits, “.”, “_” and “-”"),
           id);
  return FALSE;
}

/* Reads the id of NODE and makes sure no other part of the framework has it.
 * A faulty id is reported but still returned, so that one mistake does not
 * hide the element's contents and bring a train of follow-on messages. */
static char *
take_id (Loader  *l,
         xmlNode *node)
{
  g_autofree char *id = require_attr (l, node, "id");
  gpointer first;

  if (id == NULL || !check_id_syntax (l, node, id))
    return g_steal_pointer (&id);
  if (g_hash_table_lookup_extended (l->ids, id, NULL, &first))
    problem (l, line_of (node),
             _("the id “%s” is already used on line %u; ids must be unique in a framework"), id,
             GPOINTER_TO_UINT (first));
  else
    g_hash_table_insert (l->ids, g_strdup (id), GUINT_TO_POINTER (line_of (node)));
  return g_steal_pointer (&id);
}

/* The first of several elements sharing an id keeps it in the lookups. */
static void
index_once (GHashTable *table,
            const char *id,
            gpointer    value)
{
  if (!g_hash_table_contains (table, id))
    g_hash_table_insert (table, (gpointer) id, value);
}

static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Adds the text of NODE, in its language, to *SLOT. */
static void
read_text (Loader  *l,
           xmlNode *node,
           ScText **slot)
{
  xmlChar *raw;
  xmlChar *lang;
  g_autofree char *text = NULL;

  for (xmlNode *n = node->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        problem (l, line_of (n), _("<%s> holds plain text only; remove the <%s> inside it"),
                 node->name, n->name);
        break;
      }

  raw = xmlNodeGetContent (node);
  text = collapse_spaces (raw != NULL ? (const char *) raw : "");
  xmlFree (raw);
  if (*text == '\0')
    {
      problem (l, line_of (node), _("<%s> is empty; write the text or remove the element"),
               node->name);
    }

  lang = xmlNodeGetLang (node);
  if (*slot == NULL)
    *slot = sc_text_new ();
  if (!sc_text_add (*slot, lang != NULL ? (const char *) lang : l->fw->lang, text))
    problem (l, line_of (node),
             _("a second <%s> in the language “%s”; give each language once"), node->name,
             lang != NULL ? (const char *) lang : l->fw->lang);
  xmlFree (lang);
}

static void
require_text (Loader     *l,
              xmlNode    *node,
              ScText     *text,
              const char *name)
{
  if (text == NULL)
    problem (l, line_of (node), _("<%s> needs a <%s>"), node->name, name);
}

static gboolean
parse_int (const char *text,
           int         min,
           int         max,
           int        *out)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

/* Scales */

static void
read_level (Loader  *l,
            xmlNode *node,
            ScScale *scale)
{
  g_autofree char *value = require_attr (l, node, "value");
  g_autofree char *id = require_attr (l, node, "id");
  ScLevel *level = sc_level_new ();

  level->id = g_strdup (id != NULL ? id : "");
  if (id != NULL && check_id_syntax (l, node, id) &&
      sc_scale_lookup_level (scale, id) != NULL)
    problem (l, line_of (node), _("the scale “%s” already has a level “%s”"), scale->id, id);
  if (value != NULL && !parse_int (value, 1, 1000, &level->value))
    problem (l, line_of (node), _("the level value “%s” must be a whole number from 1 up"),
             value);
  g_hash_table_insert (l->lines, level, GUINT_TO_POINTER (line_of (node)));
  g_ptr_array_add (scale->levels, level);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "label"))
        read_text (l, n, &level->label);
      else if (has_name (n, "meaning"))
        read_text (l, n, &level->meaning);
      else
        unexpected (l, n);
    }
  require_text (l, node, level->label, "label");
}

/* Levels are listed best first and their values run n, n-1, ..., 1, so that
 * "the lowest level" is always 1 and "within one" is a difference of one. */
static void
check_level_order (Loader  *l,
                   ScScale *scale)
{
  guint n = scale->levels->len;

  for (guint i = 0; i < n; i++)
    {
      ScLevel *level = g_ptr_array_index (scale->levels, i);
      int expected = (int) (n - i);

      if (level->value != 0 && level->value != expected)
        {
          problem (l, GPOINTER_TO_UINT (g_hash_table_lookup (l->lines, level)),
                   _("the levels of the scale “%s” must be listed best first with values %u "
                     "down to 1; “%s” has the value %d where %d was expected"),
                   scale->id, n, level->id, level->value, expected);
          return;
        }
    }
}

static void
read_scale (Loader  *l,
            xmlNode *node)
{
  g_autofree char *id = take_id (l, node);
  ScScale *scale;

  if (id == NULL)
    return;
  scale = sc_scale_new ();
  scale->id = g_steal_pointer (&id);
  g_ptr_array_add (l->fw->scales, scale);
  index_once (l->fw->scale_by_id, scale->id, scale);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "title"))
        read_text (l, n, &scale->title);
      else if (has_name (n, "level"))
        read_level (l, n, scale);
      else
        unexpected (l, n);
    }
  require_text (l, node, scale->title, "title");
  if (scale->levels->len < 2)
    problem (l, line_of (node), _("the scale “%s” needs at least two levels"), scale->id);
  check_level_order (l, scale);
}

/* Choice lists */

static void
read_choice (Loader       *l,
             xmlNode      *node,
             ScChoiceList *list)
{
  g_autofree char *id = require_attr (l, node, "id");
  ScChoice *choice;

  if (id == NULL || !check_id_syntax (l, node, id))
    return;
  if (sc_choice_list_lookup (list, id) != NULL)
    {
      problem (l, line_of (node), _("the choice list “%s” already has a choice “%s”"), list->id,
               id);
      return;
    }
  choice = sc_choice_new ();
  choice->id = g_steal_pointer (&id);
  g_ptr_array_add (list->choices, choice);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "label"))
        read_text (l, n, &choice->label);
      else
        unexpected (l, n);
    }
  require_text (l, node, choice->label, "label");
}

static void
read_choice_list (Loader  *l,
                  xmlNode *node)
{
  g_autofree char *id = take_id (l, node);
  ScChoiceList *list;

  if (id == NULL)
    return;
  list = sc_choice_list_new ();
  list->id = g_steal_pointer (&id);
  g_ptr_array_add (l->fw->choice_lists, list);
  index_once (l->fw->choice_list_by_id, list->id, list);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "choice"))
        read_choice (l, n, list);
      else
        unexpected (l, n);
    }
  if (list->choices->len == 0)
    problem (l, line_of (node), _("the choice list “%s” has no choices"), list->id);
}

/* Indicators */

static const char * const indicator_kinds[] = {
  "indicator", "key-judgement", "graded", "overall", NULL,
};

static gboolean
parse_enum (const char         *text,
            const char * const *names,
            int                *out)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (text, names[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static ScScale *
resolve_scale (Loader     *l,
               xmlNode    *node,
               const char *id)
{
  ScScale *scale = g_hash_table_lookup (l->fw->scale_by_id, id);

  if (scale == NULL)
    problem (l, line_of (node), _("there is no scale “%s”; declare it under <scales>"), id);
  return scale;
}

static void
read_illustration (Loader      *l,
                   xmlNode     *node,
                   ScIndicator *indicator)
{
  g_autofree char *level_id = require_attr (l, node, "level");
  ScIllustration *illustration = sc_illustration_new ();

  g_ptr_array_add (indicator->illustrations, illustration);
  if (level_id != NULL && indicator->scale != NULL)
    {
      illustration->level = sc_scale_lookup_level (indicator->scale, level_id);
      if (illustration->level == NULL)
        problem (l, line_of (node), _("the scale “%s” has no level “%s”"), indicator->scale->id,
                 level_id);
    }
  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "text"))
        read_text (l, n, &illustration->text);
      else
        unexpected (l, n);
    }
  require_text (l, node, illustration->text, "text");
}

static void
read_theme (Loader      *l,
            xmlNode     *node,
            ScIndicator *indicator)
{
  ScText *theme = NULL;

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "text"))
        read_text (l, n, &theme);
      else
        unexpected (l, n);
    }
  if (theme == NULL)
    require_text (l, node, theme, "text");
  else
    g_ptr_array_add (indicator->themes, theme);
}

static void
read_indicator (Loader  *l,
                xmlNode *node,
                ScArea  *area)
{
  g_autofree char *id = take_id (l, node);
  g_autofree char *scale = require_attr (l, node, "scale");
  g_autofree char *kind = get_attr (node, "kind");
  g_autofree char *parent = get_attr (node, "parent");
  ScIndicator *indicator;
  int kind_value = SC_INDICATOR_KIND_INDICATOR;

  if (id == NULL)
    return;
  indicator = sc_indicator_new ();
  indicator->id = g_steal_pointer (&id);
  indicator->area = area;
  g_ptr_array_add (l->fw->indicators, indicator);
  g_ptr_array_add (area->indicators, indicator);
  index_once (l->fw->indicator_by_id, indicator->id, indicator);
  g_hash_table_insert (l->lines, indicator, GUINT_TO_POINTER (line_of (node)));

  if (scale != NULL)
    indicator->scale = resolve_scale (l, node, scale);
  if (kind != NULL && !parse_enum (kind, indicator_kinds, &kind_value))
    problem (l, line_of (node),
             _("unknown indicator kind “%s”; use indicator, key-judgement, graded or overall"),
             kind);
  indicator->kind = kind_value;
  if (parent != NULL)
    add_pending (l->parents, indicator, NULL, parent, line_of (node));

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "title"))
        read_text (l, n, &indicator->title);
      else if (has_name (n, "description"))
        read_text (l, n, &indicator->description);
      else if (has_name (n, "theme"))
        read_theme (l, n, indicator);
      else if (has_name (n, "illustration"))
        read_illustration (l, n, indicator);
      else
        unexpected (l, n);
    }
  require_text (l, node, indicator->title, "title");
}

static void
read_area (Loader    *l,
           xmlNode   *node,
           ScSection *section)
{
  g_autofree char *id = take_id (l, node);
  ScArea *area;

  if (id == NULL)
    return;
  area = sc_area_new ();
  area->id = g_steal_pointer (&id);
  area->number = get_attr (node, "number");
  area->section = section;
  g_ptr_array_add (section->areas, area);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "title"))
        read_text (l, n, &area->title);
      else if (has_name (n, "indicator"))
        read_indicator (l, n, area);
      else
        unexpected (l, n);
    }
  require_text (l, node, area->title, "title");
  if (area->indicators->len == 0)
    problem (l, line_of (node), _("the area “%s” has no indicators"), area->id);
}

static void
read_section (Loader  *l,
              xmlNode *node)
{
  g_autofree char *id = take_id (l, node);
  ScSection *section;

  if (id == NULL)
    return;
  section = sc_section_new ();
  section->id = g_steal_pointer (&id);
  g_ptr_array_add (l->fw->sections, section);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "title"))
        read_text (l, n, &section->title);
      else if (has_name (n, "area"))
        read_area (l, n, section);
      else
        unexpected (l, n);
    }
  require_text (l, node, section->title, "title");
  if (section->areas->len == 0)
    problem (l, line_of (node), _("the section “%s” has no areas"), section->id);
}

/* Graded judgements may sit within a key judgement; nothing else has a parent. */
static void
resolve_parents (Loader *l)
{
  for (guint i = 0; i < l->parents->len; i++)
    {
      Pending *p = g_ptr_array_index (l->parents, i);
      ScIndicator *indicator = p->object;
      ScIndicator *parent = g_hash_table_lookup (l->fw->indicator_by_id, p->ref);

      if (indicator->kind != SC_INDICATOR_KIND_GRADED)
        problem (l, p->line, _("only a graded judgement can have a parent; make “%s” "
                               "kind=\"graded\" or remove its parent"),
                 indicator->id);
      else if (parent == NULL)
        problem (l, p->line, _("the parent “%s” of “%s” is not an indicator of this framework"),
                 p->ref, indicator->id);
      else if (parent->kind != SC_INDICATOR_KIND_KEY_JUDGEMENT)
        problem (l, p->line, _("the parent of “%s” must be a key judgement, and “%s” is not"),
                 indicator->id, parent->id);
      else
        indicator->parent = parent;
    }
}

/* Rules */

static ScIndicator *
resolve_indicator (Loader     *l,
                   xmlNode    *node,
                   const char *id)
{
  ScIndicator *indicator = g_hash_table_lookup (l->fw->indicator_by_id, id);

  if (indicator == NULL)
    problem (l, line_of (node), _("there is no indicator “%s” in this framework"), id);
  return indicator;
}

static void
check_within_scale (Loader            *l,
                    xmlNode           *node,
                    const char        *attribute,
                    int                value,
                    const ScIndicator *indicator)
{
  if (indicator->scale != NULL && value > (int) indicator->scale->levels->len)
    problem (l, line_of (node),
             _("%s=\"%d\" is above the top of the scale of “%s”, which goes from 1 to %u"),
             attribute, value, indicator->id, indicator->scale->levels->len);
}

static void
read_rule (Loader  *l,
           xmlNode *node)
{
  g_autofree char *kind = require_attr (l, node, "kind");
  g_autofree char *when_any = require_attr (l, node, "when-any");
  g_autofree char *at_or_below = require_attr (l, node, "at-or-below");
  g_autofree char *target = require_attr (l, node, "target");
  g_autofree char *cap = require_attr (l, node, "cap");
  ScRule *rule = sc_rule_new ();

  g_ptr_array_add (l->fw->rules, rule);
  if (kind != NULL && !g_str_equal (kind, "limit"))
    problem (l, line_of (node), _("unknown rule kind “%s”; the only kind is limit"), kind);
  if (at_or_below != NULL && !parse_int (at_or_below, 1, 1000, &rule->at_or_below))
    problem (l, line_of (node), _("at-or-below=\"%s\" must be a level value, from 1 up"),
             at_or_below);
  if (cap != NULL && !parse_int (cap, 1, 1000, &rule->cap))
    problem (l, line_of (node), _("cap=\"%s\" must be a level value, from 1 up"), cap);
  if (target != NULL)
    rule->target = resolve_indicator (l, node, target);
  if (when_any != NULL)
    {
      g_auto (GStrv) ids = g_strsplit_set (when_any, " \t\r\n", -1);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          ScIndicator *indicator;

          if (*ids[i] == '\0')
            continue;
          indicator = resolve_indicator (l, node, ids[i]);
          if (indicator == NULL)
            continue;
          if (indicator == rule->target)
            problem (l, line_of (node), _("“%s” cannot limit itself"), indicator->id);
          if (rule->at_or_below > 0)
            check_within_scale (l, node, "at-or-below", rule->at_or_below, indicator);
          g_ptr_array_add (rule->when_any, indicator);
        }
    }
  if (rule->target != NULL && rule->cap > 0)
    check_within_scale (l, node, "cap", rule->cap, rule->target);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "text"))
        read_text (l, n, &rule->text);
      else
        unexpected (l, n);
    }
}

/* Instruments */

static const char * const question_types[] = {
  "scale", "choice", "multi", "yesno", "text", "date", "number", NULL,
};

static void
read_question_scale (Loader     *l,
                     xmlNode    *node,
                     ScQuestion *question)
{
  g_autofree char *scale = get_attr (node, "scale");
  g_autofree char *choices = get_attr (node, "choices");
  gboolean wants_scale = question->type == SC_QUESTION_SCALE;
  gboolean wants_choices = question->type == SC_QUESTION_CHOICE ||
                           question->type == SC_QUESTION_MULTI;
  const char *type = sc_question_type_to_string (question->type);

  if (wants_scale && scale == NULL)
    problem (l, line_of (node), _("the scale question “%s” needs a scale=\"…\" attribute"),
             question->id);
  else if (!wants_scale && scale != NULL)
    problem (l, line_of (node), _("only scale questions take a scale attribute, and “%s” is "
                                  "a %s question"),
             question->id, type);
  else if (scale != NULL)
    question->scale = resolve_scale (l, node, scale);

  if (wants_choices && choices == NULL)
    problem (l, line_of (node), _("the %s question “%s” needs a choices=\"…\" attribute "
                                  "naming a choice list"),
             type, question->id);
  else if (!wants_choices && choices != NULL)
    problem (l, line_of (node), _("only choice and multi questions take a choices attribute, "
                                  "and “%s” is a %s question"),
             question->id, type);
  else if (choices != NULL)
    {
      question->choices = g_hash_table_lookup (l->fw->choice_list_by_id, choices);
      if (question->choices == NULL)
        problem (l, line_of (node), _("there is no choice list “%s”; declare it under "
                                      "<choice-lists>"),
                 choices);
    }
}

static void
read_question_bounds (Loader     *l,
                      xmlNode    *node,
                      ScQuestion *question)
{
  g_autofree char *min = get_attr (node, "min");
  g_autofree char *max = get_attr (node, "max");

  if ((min != NULL || max != NULL) && question->type != SC_QUESTION_NUMBER)
    {
      problem (l, line_of (node), _("only number questions take min and max"));
      return;
    }
  if (min != NULL && !(question->has_min = parse_number (min, &question->min)))
    problem (l, line_of (node), _("min=\"%s\" is not a number"), min);
  if (max != NULL && !(question->has_max = parse_number (max, &question->max)))
    problem (l, line_of (node), _("max=\"%s\" is not a number"), max);
  if (question->has_min && question->has_max && question->min > question->max)
    problem (l, line_of (node), _("min is greater than max in “%s”"), question->id);
}

static void
read_question_links (Loader     *l,
                     xmlNode    *node,
                     ScQuestion *question)
{
  g_autofree char *indicators = get_attr (node, "indicators");
  g_auto (GStrv) ids = NULL;

  if (indicators == NULL)
    return;
  ids = g_strsplit_set (indicators, " \t\r\n", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      ScIndicator *indicator;

      if (*ids[i] == '\0')
        continue;
      indicator = resolve_indicator (l, node, ids[i]);
      if (indicator != NULL)
        g_ptr_array_add (question->indicators, indicator);
    }
}

static void
read_condition (Loader       *l,
                xmlNode      *node,
                ScQuestion   *question,
                ScInstrument *instrument)
{
  g_autofree char *target = require_attr (l, node, "question");
  g_autofree char *equals = require_attr (l, node, "equals");
  ScCondition *condition;

  if (target == NULL || equals == NULL)
    return;
  condition = sc_condition_new ();
  condition->question_id = g_steal_pointer (&target);
  condition->equals = g_steal_pointer (&equals);
  g_ptr_array_add (question->conditions, condition);
  add_pending (l->conditions, question, instrument, condition->question_id, line_of (node));
  g_hash_table_insert (l->lines, condition, GUINT_TO_POINTER (line_of (node)));
}

static void
read_question (Loader       *l,
               xmlNode      *node,
               ScGroup      *group,
               ScInstrument *instrument)
{
  g_autofree char *id = take_id (l, node);
  g_autofree char *type = require_attr (l, node, "type");
  g_autofree char *required = get_attr (node, "required");
  ScQuestion *question;
  int type_value = SC_QUESTION_TEXT;

  if (id == NULL || type == NULL)
    return;
  if (!parse_enum (type, question_types, &type_value))
    {
      problem (l, line_of (node), _("unknown question type “%s”; use scale, choice, multi, "
                                    "yesno, text, date or number"),
               type);
      return;
    }
  question = sc_question_new ();
  question->id = g_steal_pointer (&id);
  question->type = type_value;
  g_ptr_array_add (group->questions, question);
  index_once (l->fw->question_by_id, question->id, question);
  g_hash_table_insert (l->fw->instrument_of_question, question, instrument);
  g_hash_table_insert (l->lines, question, GUINT_TO_POINTER (line_of (node)));

  if (required != NULL)
    {
      if (g_str_equal (required, "true") || g_str_equal (required, "1"))
        question->required = TRUE;
      else if (!g_str_equal (required, "false") && !g_str_equal (required, "0"))
        problem (l, line_of (node), _("required=\"%s\" must be true or false"), required);
    }
  read_question_scale (l, node, question);
  read_question_bounds (l, node, question);
  read_question_links (l, node, question);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "text"))
        read_text (l, n, &question->text);
      else if (has_name (n, "help"))
        read_text (l, n, &question->help);
      else if (has_name (n, "show-if"))
        read_condition (l, n, question, instrument);
      else
        unexpected (l, n);
    }
  require_text (l, node, question->text, "text");
}

static void
read_group (Loader       *l,
            xmlNode      *node,
            ScInstrument *instrument)
{
  g_autofree char *id = take_id (l, node);
  ScGroup *group;

  if (id == NULL)
    return;
  group = sc_group_new ();
  group->id = g_steal_pointer (&id);
  g_ptr_array_add (instrument->groups, group);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "title"))
        read_text (l, n, &group->title);
      else if (has_name (n, "help"))
        read_text (l, n, &group->help);
      else if (has_name (n, "question"))
        read_question (l, n, group, instrument);
      else
        unexpected (l, n);
    }
  require_text (l, node, group->title, "title");
  if (group->questions->len == 0)
    problem (l, line_of (node), _("the group “%s” has no questions"), group->id);
}

static void
read_instrument (Loader  *l,
                 xmlNode *node)
{
  static const char * const kinds[] = { "record", "focus-group", NULL };
  g_autofree char *id = take_id (l, node);
  g_autofree char *kind = require_attr (l, node, "kind");
  ScInstrument *instrument;
  int kind_value = SC_INSTRUMENT_KIND_RECORD;

  if (id == NULL)
    return;
  if (kind != NULL && !parse_enum (kind, kinds, &kind_value))
    problem (l, line_of (node), _("unknown instrument kind “%s”; use record or focus-group"),
             kind);
  instrument = sc_instrument_new ();
  instrument->id = g_steal_pointer (&id);
  instrument->kind = kind_value;
  g_ptr_array_add (l->fw->instruments, instrument);
  index_once (l->fw->instrument_by_id, instrument->id, instrument);

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, "title"))
        read_text (l, n, &instrument->title);
      else if (has_name (n, "help"))
        read_text (l, n, &instrument->help);
      else if (has_name (n, "group"))
        read_group (l, n, instrument);
      else
        unexpected (l, n);
    }
  require_text (l, node, instrument->title, "title");
  if (instrument->groups->len == 0)
    problem (l, line_of (node), _("the instrument “%s” has no groups of questions"),
             instrument->id);
}

/* Conditions */

static gboolean
is_iso_date (const char *text)
{
  int y, m, d;
  char tail;

  return sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen (text) == 10 &&
         g_date_valid_dmy (d, m, y);
}

static gboolean
answer_is_possible (const ScQuestion *question,
                    const char       *value)
{
  double number;

  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      return question->scale == NULL || sc_scale_lookup_level (question->scale, value) != NULL;
    case SC_QUESTION_CHOICE:
    case SC_QUESTION_MULTI:
      return question->choices == NULL || sc_choice_list_lookup (question->choices, value) != NULL;
    case SC_QUESTION_YESNO:
      return g_str_equal (value, "yes") || g_str_equal (value, "no");
    case SC_QUESTION_DATE:
      return is_iso_date (value);
    case SC_QUESTION_NUMBER:
      return parse_number (value, &number);
    case SC_QUESTION_TEXT:
    default:
      return TRUE;
    }
}

static void
resolve_conditions (Loader *l)
{
  for (guint i = 0; i < l->conditions->len; i++)
    {
      Pending *p = g_ptr_array_index (l->conditions, i);
      ScQuestion *question = p->object;
      ScQuestion *target = g_hash_table_lookup (l->fw->question_by_id, p->ref);
      ScCondition *condition = NULL;

      for (guint c = 0; c < question->conditions->len && condition == NULL; c++)
        if (GPOINTER_TO_UINT (g_hash_table_lookup (
              l->lines, g_ptr_array_index (question->conditions, c))) == p->line &&
            g_str_equal (((ScCondition *) g_ptr_array_index (question->conditions, c))
                           ->question_id, p->ref))
          condition = g_ptr_array_index (question->conditions, c);

      if (target == NULL || g_hash_table_lookup (l->fw->instrument_of_question, target) != p->extra)
        problem (l, p->line, _("“%s” depends on “%s”, which is not a question of the same "
                               "instrument"),
                 question->id, p->ref);
      else if (target == question)
        problem (l, p->line, _("“%s” cannot depend on its own answer"), question->id);
      else if (condition != NULL && !answer_is_possible (target, condition->equals))
        problem (l, p->line, _("“%s” can never be “%s”, so “%s” would never show; use one of "
                               "its possible answers"),
                 target->id, condition->equals, question->id);
    }
}

enum { WHITE, GREY, BLACK };

/* Depth-first search; returns the question where a cycle closes, or NULL. */
static ScQuestion *
find_cycle (Loader     *l,
            ScQuestion *question,
            GHashTable *colour,
            GPtrArray  *path)
{
  g_hash_table_insert (colour, question, GINT_TO_POINTER (GREY));
  g_ptr_array_add (path, question);
  for (guint i = 0; i < question->conditions->len; i++)
    {
      ScCondition *condition = g_ptr_array_index (question->conditions, i);
      ScQuestion *next = g_hash_table_lookup (l->fw->question_by_id, condition->question_id);
      int state;

      if (next == NULL || next == question)
        continue;
      state = GPOINTER_TO_INT (g_hash_table_lookup (colour, next));
      if (state == GREY)
        return next;
      if (state == WHITE)
        {
          ScQuestion *closing = find_cycle (l, next, colour, path);

          if (closing != NULL)
            return closing;
        }
    }
  g_hash_table_insert (colour, question, GINT_TO_POINTER (BLACK));
  g_ptr_array_set_size (path, path->len - 1);
  return NULL;
}

static void
check_condition_cycles (Loader *l)
{
  g_autoptr (GHashTable) colour = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) path = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, l->fw->question_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ScQuestion *closing;
      g_autoptr (GString) chain = NULL;
      guint start = 0;

      if (GPOINTER_TO_INT (g_hash_table_lookup (colour, value)) != WHITE)
        continue;
      g_ptr_array_set_size (path, 0);
      closing = find_cycle (l, value, colour, path);
      if (closing == NULL)
        continue;
      while (g_ptr_array_index (path, start) != closing)
        start++;
      chain = g_string_new (NULL);
      for (guint i = start; i < path->len; i++)
        g_string_append_printf (chain, "%s → ", ((ScQuestion *) g_ptr_array_index (path, i))->id);
      g_string_append (chain, closing->id);
      problem (l, GPOINTER_TO_UINT (g_hash_table_lookup (l->lines, closing)),
               _("the show-if conditions go round in a circle (%s); a question cannot depend "
                 "on itself"),
               chain->str);
      return;
    }
}

/* The framework element */

enum {
  STAGE_TITLE,
  STAGE_PUBLISHER,
  STAGE_DESCRIPTION,
  STAGE_SCALES,
  STAGE_CHOICE_LISTS,
  STAGE_SECTIONS,
  STAGE_RULES,
  STAGE_INSTRUMENTS,
  N_STAGES
};

static const char * const stage_names[] = {
  "title", "publisher", "description", "scales", "choice-lists", "sections", "rules",
  "instruments", NULL,
};

static void
read_children_of (Loader     *l,
                  xmlNode    *node,
                  const char *child_name,
                  void (*read) (Loader *, xmlNode *))
{
  gboolean any = FALSE;

  for (xmlNode *n = next_element (l, node, NULL); n != NULL; n = next_element (l, node, n))
    {
      if (has_name (n, child_name))
        {
          read (l, n);
          any = TRUE;
        }
      else
        unexpected (l, n);
    }
  if (!any)
    problem (l, line_of (node), _("<%s> needs at least one <%s>"), node->name, child_name);
}

static void
read_framework_child (Loader  *l,
                      xmlNode *n,
                      int      stage)
{
  switch (stage)
    {
    case STAGE_TITLE:
      read_text (l, n, &l->fw->title);
      break;
    case STAGE_PUBLISHER:
      read_text (l, n, &l->fw->publisher);
      break;
    case STAGE_DESCRIPTION:
      read_text (l, n, &l->fw->description);
      break;
    case STAGE_SCALES:
      read_children_of (l, n, "scale", read_scale);
      break;
    case STAGE_CHOICE_LISTS:
      read_children_of (l, n, "choice-list", read_choice_list);
      break;
    case STAGE_SECTIONS:
      read_children_of (l, n, "section", read_section);
      break;
    case STAGE_RULES:
      read_children_of (l, n, "rule", read_rule);
      break;
    case STAGE_INSTRUMENTS:
      read_children_of (l, n, "instrument", read_instrument);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
read_framework (Loader  *l,
                xmlNode *root)
{
  xmlChar *lang = xmlNodeGetLang (root);
  int current = 0;
  gboolean seen[N_STAGES] = { FALSE };
  static const int required[] = { STAGE_TITLE, STAGE_PUBLISHER, STAGE_SCALES, STAGE_SECTIONS,
                                  STAGE_INSTRUMENTS };

  l->fw->lang = g_strdup (lang != NULL ? (const char *) lang : "en");
  xmlFree (lang);
  l->fw->id = take_id (l, root);
  l->fw->version = require_attr (l, root, "version");

  for (xmlNode *n = next_element (l, root, NULL); n != NULL; n = next_element (l, root, n))
    {
      int stage;

      if (!parse_enum ((const char *) n->name, stage_names, &stage))
        {
          unexpected (l, n);
          continue;
        }
      if (stage < current)
        {
          problem (l, line_of (n), _("<%s> must come before <%s>"), n->name,
                   stage_names[current]);
          continue;
        }
      if (seen[stage] && stage >= STAGE_SCALES)
        {
          problem (l, line_of (n), _("there can only be one <%s>"), n->name);
          continue;
        }
      current = stage;
      seen[stage] = TRUE;
      read_framework_child (l, n, stage);
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!seen[required[i]])
      problem (l, line_of (root), _("the framework has no <%s>; add one"),
               stage_names[required[i]]);

  resolve_parents (l);
  resolve_conditions (l);
  check_condition_cycles (l);
}

/* The schema, as a backstop for anything the checks above let through. */

static xmlRelaxNGPtr
get_relaxng (void)
{
  static gsize done = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&done))
    {
      g_autoptr (GBytes) bytes = sc_framework_get_schema ();
      xmlRelaxNGParserCtxtPtr parser = NULL;

      if (bytes != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);

          parser = xmlRelaxNGNewMemParserCtxt (data, (int) size);
          schema = xmlRelaxNGParse (parser);
          xmlRelaxNGFreeParserCtxt (parser);
        }
      if (schema == NULL)
        g_critical ("The built-in framework schema could not be compiled");
      g_once_init_leave (&done, 1);
    }
  return schema;
}

static void
on_schema_error (void       *data,
                 xmlErrorPtr error)
{
  Loader *l = data;
  g_autofree char *message = plain_libxml_message (error->message);

  problem (l, error->line > 0 ? (guint) error->line : 0,
           _("this does not follow the framework schema: %s"), message);
}

static void
validate_schema (Loader *l,
                 xmlDoc *doc)
{
  xmlRelaxNGPtr schema = get_relaxng ();
  xmlRelaxNGValidCtxtPtr ctxt;

  if (schema == NULL)
    {
      problem (l, 0, _("the framework schema is missing from this build of Scrutineer"));
      return;
    }
  ctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (ctxt, on_schema_error, l);
  if (xmlRelaxNGValidateDoc (ctxt, doc) != 0 && l->problems->len == 0)
    problem (l, 0, _("this does not follow the framework schema"));
  xmlRelaxNGFreeValidCtxt (ctxt);
}

/* Entry points */

static gboolean
check_root (Loader  *l,
            xmlDoc  *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    {
      problem (l, 0, _("the file holds no XML element"));
      return FALSE;
    }
  if (!is_ours (root) || !has_name (root, "framework"))
    {
      problem (l, line_of (root),
               _("this is not a Scrutineer framework: it starts with <%s> in the namespace "
                 "“%s”, where <framework xmlns=\"%s\"> was expected"),
               root->name,
               root->ns != NULL ? (const char *) root->ns->href : "",
               SC_FRAMEWORK_NS);
      return FALSE;
    }
  return TRUE;
}

static void
loader_clear (Loader *l)
{
  g_clear_pointer (&l->problems, g_ptr_array_unref);
  g_clear_pointer (&l->ids, g_hash_table_unref);
  g_clear_pointer (&l->lines, g_hash_table_unref);
  g_clear_pointer (&l->parents, g_ptr_array_unref);
  g_clear_pointer (&l->conditions, g_ptr_array_unref);
  g_clear_pointer (&l->fw, sc_framework_unref);
}

static gboolean
report_problems (Loader  *l,
                 GError **error)
{
  g_autoptr (GString) text = NULL;

  if (l->problems->len == 0)
    return FALSE;
  text = g_string_new (NULL);
  for (guint i = 0; i < l->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (l->problems, i));
    }
  g_set_error_literal (error, SC_FRAMEWORK_ERROR, l->code, text->str);
  return TRUE;
}

ScFramework *
sc_framework_load_bytes (GBytes      *bytes,
                         const char  *filename,
                         GError     **error)
{
  Loader l = { 0 };
  g_autoptr (xmlDoc) doc = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  ScFramework *result = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  if (filename == NULL)
    filename = "framework.xml";

  install_entity_guard ();
  l.filename = filename;
  l.problems = g_ptr_array_new_with_free_func (g_free);
  l.code = SC_FRAMEWORK_ERROR_INVALID;
  l.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.lines = g_hash_table_new (NULL, NULL);
  l.parents = g_ptr_array_new_with_free_func (pending_free);
  l.conditions = g_ptr_array_new_with_free_func (pending_free);
  l.fw = sc_framework_new_empty ();

  if (size > SC_FRAMEWORK_MAX_SIZE)
    {
      l.code = SC_FRAMEWORK_ERROR_TOO_LARGE;
      problem (&l, 0, _("the file is too large for a framework (%" G_GSIZE_FORMAT " bytes; "
                        "the limit is %d MiB)"),
               size, SC_FRAMEWORK_MAX_SIZE / (1024 * 1024));
    }
  else if (size == 0)
    {
      l.code = SC_FRAMEWORK_ERROR_MALFORMED;
      problem (&l, 0, _("the file is empty"));
    }
  else if ((doc = parse_safely (&l, data, size)) != NULL)
    {
      if (!check_root (&l, doc))
        l.code = SC_FRAMEWORK_ERROR_MALFORMED;
      else
        {
          read_framework (&l, xmlDocGetRootElement (doc));
          if (l.problems->len == 0)
            validate_schema (&l, doc);
        }
    }

  if (!report_problems (&l, error))
    {
      result = g_steal_pointer (&l.fw);
      result->filename = g_strdup (filename);
      result->xml = g_bytes_ref (bytes);
      result->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    }
  loader_clear (&l);
  return result;
}

ScFramework *
sc_framework_load_file (const char  *path,
                        GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize n_read = 0;

  /* Read at most one byte past the limit, so a huge file is never slurped. */
  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    {
      buffer = g_malloc (SC_FRAMEWORK_MAX_SIZE + 1);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, SC_FRAMEWORK_MAX_SIZE + 1,
                                    &n_read, NULL, &local_error))
        g_clear_object (&stream);
    }
  if (stream == NULL)
    {
      g_set_error (error, SC_FRAMEWORK_ERROR, SC_FRAMEWORK_ERROR_IO, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), n_read), n_read);
  if (g_bytes_get_size (bytes) > SC_FRAMEWORK_MAX_SIZE)
    {
      g_set_error (error, SC_FRAMEWORK_ERROR, SC_FRAMEWORK_ERROR_TOO_LARGE,
                   _("%s: the file is too large for a framework (the limit is %d MiB)"), path,
                   SC_FRAMEWORK_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  return sc_framework_load_bytes (bytes, path, error);
}
