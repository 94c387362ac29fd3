/* sc-framework-json.c: a framework as JSON, for scripts and the CLI
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-framework-json.h"

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_indicator_ids (JsonBuilder *b,
                   const char  *name,
                   GPtrArray   *indicators)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < indicators->len; i++)
    json_builder_add_string_value (b, ((ScIndicator *) g_ptr_array_index (indicators, i))->id);
  json_builder_end_array (b);
}

static void
add_scale (JsonBuilder   *b,
           const ScScale *scale)
{
  json_builder_begin_object (b);
  add_string (b, "id", scale->id);
  add_string (b, "title", sc_text_get (scale->title));
  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint i = 0; i < scale->levels->len; i++)
    {
      const ScLevel *level = g_ptr_array_index (scale->levels, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "value");
      json_builder_add_int_value (b, level->value);
      add_string (b, "id", level->id);
      add_string (b, "label", sc_text_get (level->label));
      add_string (b, "meaning", sc_text_get (level->meaning));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_indicator (JsonBuilder       *b,
               const ScIndicator *indicator)
{
  json_builder_begin_object (b);
  add_string (b, "id", indicator->id);
  add_string (b, "title", sc_text_get (indicator->title));
  add_string (b, "area", indicator->area->id);
  add_string (b, "area_title", sc_text_get (indicator->area->title));
  add_string (b, "section", indicator->area->section->id);
  add_string (b, "kind", sc_indicator_kind_to_string (indicator->kind));
  add_string (b, "scale", indicator->scale->id);
  add_string (b, "parent", indicator->parent != NULL ? indicator->parent->id : NULL);
  json_builder_set_member_name (b, "themes");
  json_builder_begin_array (b);
  for (guint i = 0; i < indicator->themes->len; i++)
    json_builder_add_string_value (b, sc_text_get (g_ptr_array_index (indicator->themes, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_rule (JsonBuilder  *b,
          const ScRule *rule)
{
  json_builder_begin_object (b);
  add_string (b, "kind", sc_rule_kind_to_string (rule->kind));
  add_indicator_ids (b, "when_any", rule->when_any);
  json_builder_set_member_name (b, "at_or_below");
  json_builder_add_int_value (b, rule->at_or_below);
  add_string (b, "target", rule->target->id);
  json_builder_set_member_name (b, "cap");
  json_builder_add_int_value (b, rule->cap);
  json_builder_end_object (b);
}

static void
add_question (JsonBuilder      *b,
              const ScQuestion *question,
              const ScGroup    *group)
{
  json_builder_begin_object (b);
  add_string (b, "id", question->id);
  add_string (b, "type", sc_question_type_to_string (question->type));
  json_builder_set_member_name (b, "required");
  json_builder_add_boolean_value (b, question->required);
  add_indicator_ids (b, "indicators", question->indicators);
  add_string (b, "group", group->id);
  add_string (b, "text", sc_text_get (question->text));
  if (question->scale != NULL)
    add_string (b, "scale", question->scale->id);
  if (question->choices != NULL)
    add_string (b, "choices", question->choices->id);
  if (question->conditions->len > 0)
    {
      json_builder_set_member_name (b, "show_if");
      json_builder_begin_array (b);
      for (guint i = 0; i < question->conditions->len; i++)
        {
          const ScCondition *condition = g_ptr_array_index (question->conditions, i);

          json_builder_begin_object (b);
          add_string (b, "question", condition->question_id);
          add_string (b, "equals", condition->equals);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
add_instrument (JsonBuilder        *b,
                const ScInstrument *instrument)
{
  json_builder_begin_object (b);
  add_string (b, "id", instrument->id);
  add_string (b, "kind", sc_instrument_kind_to_string (instrument->kind));
  add_string (b, "title", sc_text_get (instrument->title));
  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  for (guint g = 0; g < instrument->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (instrument->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        add_question (b, g_ptr_array_index (group->questions, q), group);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
sc_framework_to_json (const ScFramework *framework)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GPtrArray *list;

  json_builder_begin_object (b);
  add_string (b, "id", sc_framework_get_id (framework));
  add_string (b, "version", sc_framework_get_version (framework));
  add_string (b, "title", sc_framework_get_title (framework));
  add_string (b, "publisher", sc_framework_get_publisher (framework));
  add_string (b, "lang", sc_framework_get_lang (framework));
  add_string (b, "sha256", sc_framework_get_sha256 (framework));

  json_builder_set_member_name (b, "scales");
  json_builder_begin_array (b);
  list = sc_framework_get_scales (framework);
  for (guint i = 0; i < list->len; i++)
    add_scale (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  list = sc_framework_get_indicators (framework);
  for (guint i = 0; i < list->len; i++)
    add_indicator (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  list = sc_framework_get_rules (framework);
  for (guint i = 0; i < list->len; i++)
    add_rule (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "instruments");
  json_builder_begin_array (b);
  list = sc_framework_get_instruments (framework);
  for (guint i = 0; i < list->len; i++)
    add_instrument (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}
