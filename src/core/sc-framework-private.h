/* sc-framework-private.h: what the loader needs to build a framework
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sc-framework.h"

G_BEGIN_DECLS

struct _ScText
{
  GPtrArray *langs; /* char*, normalised: lower case, '_' between subtags */
  GPtrArray *texts; /* char*, same order */
};

struct _ScFramework
{
  gatomicrefcount ref_count;

  char *id;
  char *version;
  char *lang;
  char *filename;
  ScText *title;
  ScText *publisher;
  ScText *description;
  GBytes *xml;
  char *sha256;

  GPtrArray *scales;
  GPtrArray *choice_lists;
  GPtrArray *sections;
  GPtrArray *indicators;
  GPtrArray *rules;
  GPtrArray *instruments;

  /* Lookups by id; values are borrowed from the arrays above. */
  GHashTable *scale_by_id;
  GHashTable *choice_list_by_id;
  GHashTable *indicator_by_id;
  GHashTable *question_by_id;
  GHashTable *instrument_by_id;
  GHashTable *instrument_of_question; /* ScQuestion* -> ScInstrument* */
};

ScFramework  *sc_framework_new_empty (void);

ScText       *sc_text_new (void);
void          sc_text_free (ScText *text);
/* Returns FALSE if TEXT already has a text in LANG. */
gboolean      sc_text_add (ScText     *text,
                           const char *lang,
                           const char *value);
char         *sc_lang_normalise (const char *lang);

ScScale      *sc_scale_new (void);
ScLevel      *sc_level_new (void);
ScChoiceList *sc_choice_list_new (void);
ScChoice     *sc_choice_new (void);
ScSection    *sc_section_new (void);
ScArea       *sc_area_new (void);
ScIndicator  *sc_indicator_new (void);
ScIllustration *sc_illustration_new (void);
ScRule       *sc_rule_new (void);
ScInstrument *sc_instrument_new (void);
ScGroup      *sc_group_new (void);
ScQuestion   *sc_question_new (void);
ScCondition  *sc_condition_new (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScText, sc_text_free)

G_END_DECLS
