/* sc-framework.c: the framework model, its lookups and its texts
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-framework-private.h"
#include "sc-core-resources.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define BUILTIN_PATH RESOURCE_BASE "/core/frameworks"
#define SCHEMA_PATH RESOURCE_BASE "/core/schema/framework.rng"

G_DEFINE_QUARK (sc-framework-error-quark, sc_framework_error)

/* Texts */

ScText *
sc_text_new (void)
{
  ScText *text = g_new0 (ScText, 1);

  text->langs = g_ptr_array_new_with_free_func (g_free);
  text->texts = g_ptr_array_new_with_free_func (g_free);
  return text;
}

void
sc_text_free (ScText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->langs);
  g_ptr_array_unref (text->texts);
  g_free (text);
}

/* "en-GB", "en_GB.UTF-8" and "EN_gb@euro" all become "en_gb". */
char *
sc_lang_normalise (const char *lang)
{
  GString *out = g_string_new (NULL);

  for (const char *p = lang; *p != '\0' && *p != '.' && *p != '@'; p++)
    g_string_append_c (out, *p == '-' ? '_' : g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

gboolean
sc_text_add (ScText     *text,
             const char *lang,
             const char *value)
{
  g_autofree char *norm = sc_lang_normalise (lang != NULL ? lang : "");

  for (guint i = 0; i < text->langs->len; i++)
    if (g_str_equal (g_ptr_array_index (text->langs, i), norm))
      return FALSE;
  g_ptr_array_add (text->langs, g_steal_pointer (&norm));
  g_ptr_array_add (text->texts, g_strdup (value));
  return TRUE;
}

static gboolean
primary_subtag_equal (const char *a,
                      const char *b)
{
  size_t la = strcspn (a, "_");
  size_t lb = strcspn (b, "_");

  return la == lb && strncmp (a, b, la) == 0;
}

static int
find_lang (const ScText *text,
           const char   *want,
           gboolean      loosely)
{
  for (guint i = 0; i < text->langs->len; i++)
    {
      const char *have = g_ptr_array_index (text->langs, i);

      if (loosely ? primary_subtag_equal (have, want) : g_str_equal (have, want))
        return (int) i;
    }
  return -1;
}

static int
find_in_list (const ScText       *text,
              const char * const *wanted)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; wanted[i] != NULL; i++)
      {
        g_autofree char *norm = NULL;
        int found;

        if (g_str_equal (wanted[i], "C") || g_str_equal (wanted[i], "POSIX"))
          continue;
        norm = sc_lang_normalise (wanted[i]);
        found = find_lang (text, norm, pass == 1);
        if (found >= 0)
          return found;
      }
  return -1;
}

static const char *
text_pick (const ScText       *text,
           const char * const *wanted)
{
  static const char * const english[] = { "en", NULL };
  int found;

  if (text == NULL || text->texts->len == 0)
    return NULL;
  found = find_in_list (text, wanted);
  if (found < 0)
    found = find_in_list (text, english);
  if (found < 0)
    found = 0;
  return g_ptr_array_index (text->texts, found);
}

const char *
sc_text_get (const ScText *text)
{
  return text_pick (text, g_get_language_names ());
}

const char *
sc_text_get_for (const ScText *text,
                 const char   *lang)
{
  const char * const wanted[] = { lang, NULL };

  return text_pick (text, wanted);
}

/* Constructors and destructors of the parts */

static void
level_free (gpointer data)
{
  ScLevel *level = data;

  g_free (level->id);
  sc_text_free (level->label);
  sc_text_free (level->meaning);
  g_free (level);
}

ScLevel *
sc_level_new (void)
{
  return g_new0 (ScLevel, 1);
}

static void
scale_free (gpointer data)
{
  ScScale *scale = data;

  g_free (scale->id);
  sc_text_free (scale->title);
  g_ptr_array_unref (scale->levels);
  g_free (scale);
}

ScScale *
sc_scale_new (void)
{
  ScScale *scale = g_new0 (ScScale, 1);

  scale->levels = g_ptr_array_new_with_free_func (level_free);
  return scale;
}

static void
choice_free (gpointer data)
{
  ScChoice *choice = data;

  g_free (choice->id);
  sc_text_free (choice->label);
  g_free (choice);
}

ScChoice *
sc_choice_new (void)
{
  return g_new0 (ScChoice, 1);
}

static void
choice_list_free (gpointer data)
{
  ScChoiceList *list = data;

  g_free (list->id);
  g_ptr_array_unref (list->choices);
  g_free (list);
}

ScChoiceList *
sc_choice_list_new (void)
{
  ScChoiceList *list = g_new0 (ScChoiceList, 1);

  list->choices = g_ptr_array_new_with_free_func (choice_free);
  return list;
}

static void
illustration_free (gpointer data)
{
  ScIllustration *illustration = data;

  sc_text_free (illustration->text);
  g_free (illustration);
}

ScIllustration *
sc_illustration_new (void)
{
  return g_new0 (ScIllustration, 1);
}

static void
indicator_free (gpointer data)
{
  ScIndicator *indicator = data;

  g_free (indicator->id);
  sc_text_free (indicator->title);
  sc_text_free (indicator->description);
  g_ptr_array_unref (indicator->themes);
  g_ptr_array_unref (indicator->illustrations);
  g_free (indicator);
}

ScIndicator *
sc_indicator_new (void)
{
  ScIndicator *indicator = g_new0 (ScIndicator, 1);

  indicator->themes = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_text_free);
  indicator->illustrations = g_ptr_array_new_with_free_func (illustration_free);
  return indicator;
}

static void
area_free (gpointer data)
{
  ScArea *area = data;

  g_free (area->id);
  g_free (area->number);
  sc_text_free (area->title);
  /* The indicators belong to the framework's flat list. */
  g_ptr_array_unref (area->indicators);
  g_free (area);
}

ScArea *
sc_area_new (void)
{
  ScArea *area = g_new0 (ScArea, 1);

  area->indicators = g_ptr_array_new ();
  return area;
}

static void
section_free (gpointer data)
{
  ScSection *section = data;

  g_free (section->id);
  sc_text_free (section->title);
  g_ptr_array_unref (section->areas);
  g_free (section);
}

ScSection *
sc_section_new (void)
{
  ScSection *section = g_new0 (ScSection, 1);

  section->areas = g_ptr_array_new_with_free_func (area_free);
  return section;
}

static void
rule_free (gpointer data)
{
  ScRule *rule = data;

  g_ptr_array_unref (rule->when_any);
  sc_text_free (rule->text);
  g_free (rule);
}

ScRule *
sc_rule_new (void)
{
  ScRule *rule = g_new0 (ScRule, 1);

  rule->when_any = g_ptr_array_new ();
  return rule;
}

static void
condition_free (gpointer data)
{
  ScCondition *condition = data;

  g_free (condition->question_id);
  g_free (condition->equals);
  g_free (condition);
}

ScCondition *
sc_condition_new (void)
{
  return g_new0 (ScCondition, 1);
}

static void
question_free (gpointer data)
{
  ScQuestion *question = data;

  g_free (question->id);
  sc_text_free (question->text);
  sc_text_free (question->help);
  g_ptr_array_unref (question->indicators);
  g_ptr_array_unref (question->conditions);
  g_free (question);
}

ScQuestion *
sc_question_new (void)
{
  ScQuestion *question = g_new0 (ScQuestion, 1);

  question->indicators = g_ptr_array_new ();
  question->conditions = g_ptr_array_new_with_free_func (condition_free);
  return question;
}

static void
group_free (gpointer data)
{
  ScGroup *group = data;

  g_free (group->id);
  sc_text_free (group->title);
  sc_text_free (group->help);
  g_ptr_array_unref (group->questions);
  g_free (group);
}

ScGroup *
sc_group_new (void)
{
  ScGroup *group = g_new0 (ScGroup, 1);

  group->questions = g_ptr_array_new_with_free_func (question_free);
  return group;
}

static void
instrument_free (gpointer data)
{
  ScInstrument *instrument = data;

  g_free (instrument->id);
  sc_text_free (instrument->title);
  sc_text_free (instrument->help);
  g_ptr_array_unref (instrument->groups);
  g_free (instrument);
}

ScInstrument *
sc_instrument_new (void)
{
  ScInstrument *instrument = g_new0 (ScInstrument, 1);

  instrument->groups = g_ptr_array_new_with_free_func (group_free);
  return instrument;
}

/* The framework */

ScFramework *
sc_framework_new_empty (void)
{
  ScFramework *self = g_new0 (ScFramework, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->scales = g_ptr_array_new_with_free_func (scale_free);
  self->choice_lists = g_ptr_array_new_with_free_func (choice_list_free);
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->indicators = g_ptr_array_new_with_free_func (indicator_free);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->instruments = g_ptr_array_new_with_free_func (instrument_free);
  self->scale_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->choice_list_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->indicator_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->question_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->instrument_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->instrument_of_question = g_hash_table_new (NULL, NULL);
  return self;
}

ScFramework *
sc_framework_ref (ScFramework *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sc_framework_unref (ScFramework *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->scale_by_id);
  g_hash_table_unref (self->choice_list_by_id);
  g_hash_table_unref (self->indicator_by_id);
  g_hash_table_unref (self->question_by_id);
  g_hash_table_unref (self->instrument_by_id);
  g_hash_table_unref (self->instrument_of_question);
  g_ptr_array_unref (self->instruments);
  g_ptr_array_unref (self->rules);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->indicators);
  g_ptr_array_unref (self->choice_lists);
  g_ptr_array_unref (self->scales);
  g_clear_pointer (&self->xml, g_bytes_unref);
  sc_text_free (self->title);
  sc_text_free (self->publisher);
  sc_text_free (self->description);
  g_free (self->id);
  g_free (self->version);
  g_free (self->lang);
  g_free (self->filename);
  g_free (self->sha256);
  g_free (self);
}

const char *
sc_framework_get_id (const ScFramework *self)
{
  return self->id;
}

const char *
sc_framework_get_version (const ScFramework *self)
{
  return self->version;
}

const char *
sc_framework_get_lang (const ScFramework *self)
{
  return self->lang;
}

const char *
sc_framework_get_title (const ScFramework *self)
{
  return sc_text_get (self->title);
}

const char *
sc_framework_get_publisher (const ScFramework *self)
{
  return sc_text_get (self->publisher);
}

const char *
sc_framework_get_description (const ScFramework *self)
{
  return sc_text_get (self->description);
}

const char *
sc_framework_get_filename (const ScFramework *self)
{
  return self->filename;
}

GBytes *
sc_framework_get_xml (const ScFramework *self)
{
  return self->xml;
}

const char *
sc_framework_get_sha256 (const ScFramework *self)
{
  return self->sha256;
}

GPtrArray *
sc_framework_get_scales (const ScFramework *self)
{
  return self->scales;
}

GPtrArray *
sc_framework_get_choice_lists (const ScFramework *self)
{
  return self->choice_lists;
}

GPtrArray *
sc_framework_get_sections (const ScFramework *self)
{
  return self->sections;
}

GPtrArray *
sc_framework_get_indicators (const ScFramework *self)
{
  return self->indicators;
}

GPtrArray *
sc_framework_get_rules (const ScFramework *self)
{
  return self->rules;
}

GPtrArray *
sc_framework_get_instruments (const ScFramework *self)
{
  return self->instruments;
}

const ScIndicator *
sc_framework_lookup_indicator (const ScFramework *self,
                               const char        *id)
{
  return g_hash_table_lookup (self->indicator_by_id, id);
}

const ScScale *
sc_framework_lookup_scale (const ScFramework *self,
                           const char        *id)
{
  return g_hash_table_lookup (self->scale_by_id, id);
}

const ScQuestion *
sc_framework_lookup_question (const ScFramework *self,
                              const char        *id)
{
  return g_hash_table_lookup (self->question_by_id, id);
}

const ScInstrument *
sc_framework_lookup_instrument (const ScFramework *self,
                                const char        *id)
{
  return g_hash_table_lookup (self->instrument_by_id, id);
}

const ScInstrument *
sc_framework_get_question_instrument (const ScFramework *self,
                                      const ScQuestion  *question)
{
  return g_hash_table_lookup (self->instrument_of_question, question);
}

const ScInstrument *
sc_framework_find_instrument (const ScFramework *self,
                              ScInstrumentKind   kind)
{
  for (guint i = 0; i < self->instruments->len; i++)
    {
      const ScInstrument *instrument = g_ptr_array_index (self->instruments, i);

      if (instrument->kind == kind)
        return instrument;
    }
  return NULL;
}

guint
sc_instrument_count_questions (const ScInstrument *instrument)
{
  guint n = 0;

  for (guint i = 0; i < instrument->groups->len; i++)
    n += ((ScGroup *) g_ptr_array_index (instrument->groups, i))->questions->len;
  return n;
}

const ScLevel *
sc_scale_lookup_level (const ScScale *scale,
                       const char    *id_or_value)
{
  for (guint i = 0; i < scale->levels->len; i++)
    {
      const ScLevel *level = g_ptr_array_index (scale->levels, i);
      char value[16];

      g_snprintf (value, sizeof value, "%d", level->value);
      if (g_str_equal (level->id, id_or_value) || g_str_equal (value, id_or_value))
        return level;
    }
  return NULL;
}

const ScChoice *
sc_choice_list_lookup (const ScChoiceList *list,
                       const char         *id)
{
  for (guint i = 0; i < list->choices->len; i++)
    {
      const ScChoice *choice = g_ptr_array_index (list->choices, i);

      if (g_str_equal (choice->id, id))
        return choice;
    }
  return NULL;
}

/* Names as they appear in the XML and in JSON. */

const char *
sc_indicator_kind_to_string (ScIndicatorKind kind)
{
  static const char * const names[] = { "indicator", "key-judgement", "graded", "overall" };

  g_return_val_if_fail (kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

const char *
sc_instrument_kind_to_string (ScInstrumentKind kind)
{
  static const char * const names[] = { "record", "focus-group" };

  g_return_val_if_fail (kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

const char *
sc_question_type_to_string (ScQuestionType type)
{
  static const char * const names[] = {
    "scale", "choice", "multi", "yesno", "text", "date", "number",
  };

  g_return_val_if_fail (type < G_N_ELEMENTS (names), NULL);
  return names[type];
}

const char *
sc_rule_kind_to_string (ScRuleKind kind)
{
  g_return_val_if_fail (kind == SC_RULE_LIMIT, NULL);
  return "limit";
}

/* Shipped frameworks */

/* The resource lives in a static library, where a constructor would be
 * dropped by the linker: register it by hand on first use. */
static void
ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sc_core_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GStrv
sc_framework_list_builtin (void)
{
  g_auto (GStrv) files = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();

  ensure_resources ();
  files = g_resources_enumerate_children (BUILTIN_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (g_str_has_suffix (files[i], ".xml"))
      {
        g_autofree char *name = g_strndup (files[i], strlen (files[i]) - 4);

        g_strv_builder_add (names, name);
      }
  GStrv result = g_strv_builder_end (names);

  qsort (result, g_strv_length (result), sizeof (char *), compare_strings);
  return result;
}

ScFramework *
sc_framework_load_builtin (const char  *name,
                           GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.xml", BUILTIN_PATH, name);
  g_autofree char *filename = g_strdup_printf ("%s.xml", name);
  g_autoptr (GBytes) bytes = NULL;

  ensure_resources ();
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, SC_FRAMEWORK_ERROR, SC_FRAMEWORK_ERROR_IO,
                   _("There is no shipped framework called “%s”"), name);
      return NULL;
    }
  return sc_framework_load_bytes (bytes, filename, error);
}

GBytes *
sc_framework_get_schema (void)
{
  ensure_resources ();
  return g_resources_lookup_data (SCHEMA_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}
