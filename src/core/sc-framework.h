/* sc-framework.h: quality frameworks loaded from XML
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A framework is read-only once loaded. Every struct below is owned by the
 * ScFramework it came from and lives as long as it does; callers never free
 * the parts. Texts that may come in several languages are ScText: ask
 * sc_text_get() for the one to show.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_FRAMEWORK_ERROR (sc_framework_error_quark ())

typedef enum
{
  SC_FRAMEWORK_ERROR_IO,        /* the file could not be read */
  SC_FRAMEWORK_ERROR_TOO_LARGE, /* over SC_FRAMEWORK_MAX_SIZE */
  SC_FRAMEWORK_ERROR_FORBIDDEN, /* DTD, entity declaration or other refused construct */
  SC_FRAMEWORK_ERROR_MALFORMED, /* not well-formed XML, or not a framework at all */
  SC_FRAMEWORK_ERROR_INVALID,   /* a framework, but with mistakes in it */
} ScFrameworkError;

/* Files larger than this are refused before parsing. */
#define SC_FRAMEWORK_MAX_SIZE (4 * 1024 * 1024)

#define SC_FRAMEWORK_NS "urn:scrutineer:framework:1"

typedef struct _ScText ScText;

typedef enum
{
  SC_INDICATOR_KIND_INDICATOR,
  SC_INDICATOR_KIND_KEY_JUDGEMENT,
  SC_INDICATOR_KIND_GRADED,
  SC_INDICATOR_KIND_OVERALL,
} ScIndicatorKind;

typedef enum
{
  SC_INSTRUMENT_KIND_RECORD,
  SC_INSTRUMENT_KIND_FOCUS_GROUP,
} ScInstrumentKind;

typedef enum
{
  SC_QUESTION_SCALE,
  SC_QUESTION_CHOICE,
  SC_QUESTION_MULTI,
  SC_QUESTION_YESNO,
  SC_QUESTION_TEXT,
  SC_QUESTION_DATE,
  SC_QUESTION_NUMBER,
} ScQuestionType;

typedef enum
{
  SC_RULE_LIMIT,
} ScRuleKind;

typedef struct _ScFramework ScFramework;
typedef struct _ScSection ScSection;
typedef struct _ScArea ScArea;
typedef struct _ScIndicator ScIndicator;
typedef struct _ScScale ScScale;

typedef struct
{
  int value; /* higher is better; the lowest level is 1 */
  char *id;
  ScText *label;
  ScText *meaning; /* may be NULL */
} ScLevel;

struct _ScScale
{
  char *id;
  ScText *title;
  GPtrArray *levels; /* ScLevel*, best first: values n, n-1, ..., 1 */
};

typedef struct
{
  char *id;
  ScText *label;
} ScChoice;

typedef struct
{
  char *id;
  GPtrArray *choices; /* ScChoice* in document order */
} ScChoiceList;

typedef struct
{
  const ScLevel *level;
  ScText *text;
} ScIllustration;

struct _ScIndicator
{
  char *id; /* e.g. "5.2" */
  ScIndicatorKind kind;
  ScText *title;
  ScText *description; /* may be NULL */
  ScScale *scale;
  ScIndicator *parent; /* for graded judgements within a key judgement; may be NULL */
  GPtrArray *themes;   /* ScText* */
  GPtrArray *illustrations; /* ScIllustration*, in document order */
  ScArea *area;
};

struct _ScArea
{
  char *id;
  char *number; /* may be NULL */
  ScText *title;
  GPtrArray *indicators; /* ScIndicator* */
  ScSection *section;
};

struct _ScSection
{
  char *id;
  ScText *title;
  GPtrArray *areas; /* ScArea* */
};

typedef struct
{
  ScRuleKind kind;
  GPtrArray *when_any; /* ScIndicator* */
  int at_or_below;
  ScIndicator *target;
  int cap;
  ScText *text; /* an explanation; may be NULL */
} ScRule;

typedef struct
{
  char *question_id;
  char *equals;
} ScCondition;

typedef struct
{
  char *id;
  ScQuestionType type;
  gboolean required;
  ScText *text;
  ScText *help;                /* may be NULL */
  ScScale *scale;              /* for SC_QUESTION_SCALE, else NULL */
  ScChoiceList *choices;       /* for CHOICE and MULTI, else NULL */
  GPtrArray *indicators;       /* ScIndicator* the answer informs */
  GPtrArray *conditions;       /* ScCondition*, all must hold for the question to show */
  gboolean has_min, has_max;   /* for SC_QUESTION_NUMBER */
  double min, max;
} ScQuestion;

typedef struct
{
  char *id;
  ScText *title;
  ScText *help;          /* may be NULL */
  GPtrArray *questions;  /* ScQuestion* */
} ScGroup;

typedef struct
{
  char *id;
  ScInstrumentKind kind;
  ScText *title;
  ScText *help;      /* may be NULL */
  GPtrArray *groups; /* ScGroup* */
} ScInstrument;

GQuark sc_framework_error_quark (void);

/* Loading. On failure the GError message holds one line per problem, each
 * "FILE:LINE: message" (or "FILE: message" where no line applies). The
 * filename is only used in messages. */
ScFramework *sc_framework_load_bytes (GBytes      *bytes,
                                      const char  *filename,
                                      GError     **error);
ScFramework *sc_framework_load_file (const char  *path,
                                     GError     **error);

/* The frameworks shipped with Scrutineer, compiled into the program. */
GStrv        sc_framework_list_builtin (void);
ScFramework *sc_framework_load_builtin (const char  *name,
                                        GError     **error);
GBytes      *sc_framework_get_schema (void);

ScFramework *sc_framework_ref (ScFramework *self);
void         sc_framework_unref (ScFramework *self);

const char *sc_framework_get_id (const ScFramework *self);
const char *sc_framework_get_version (const ScFramework *self);
const char *sc_framework_get_lang (const ScFramework *self);
const char *sc_framework_get_title (const ScFramework *self);
const char *sc_framework_get_publisher (const ScFramework *self);
const char *sc_framework_get_description (const ScFramework *self); /* may be NULL */
const char *sc_framework_get_filename (const ScFramework *self);
/* The exact bytes loaded and their SHA-256 in lower-case hex. */
GBytes     *sc_framework_get_xml (const ScFramework *self);
const char *sc_framework_get_sha256 (const ScFramework *self);

GPtrArray *sc_framework_get_scales (const ScFramework *self);       /* ScScale* */
GPtrArray *sc_framework_get_choice_lists (const ScFramework *self); /* ScChoiceList* */
GPtrArray *sc_framework_get_sections (const ScFramework *self);     /* ScSection* */
GPtrArray *sc_framework_get_indicators (const ScFramework *self);   /* ScIndicator*, document order */
GPtrArray *sc_framework_get_rules (const ScFramework *self);        /* ScRule* */
GPtrArray *sc_framework_get_instruments (const ScFramework *self);  /* ScInstrument* */

const ScIndicator  *sc_framework_lookup_indicator (const ScFramework *self, const char *id);
const ScScale      *sc_framework_lookup_scale (const ScFramework *self, const char *id);
const ScQuestion   *sc_framework_lookup_question (const ScFramework *self, const char *id);
const ScInstrument *sc_framework_lookup_instrument (const ScFramework *self, const char *id);
/* The first instrument of KIND, e.g. the record-reading form; may be NULL. */
const ScInstrument *sc_framework_find_instrument (const ScFramework *self,
                                                  ScInstrumentKind   kind);
/* The instrument a question belongs to. */
const ScInstrument *sc_framework_get_question_instrument (const ScFramework *self,
                                                          const ScQuestion  *question);
guint sc_instrument_count_questions (const ScInstrument *instrument);

const ScLevel *sc_scale_lookup_level (const ScScale *scale, const char *id_or_value);
const ScChoice *sc_choice_list_lookup (const ScChoiceList *list, const char *id);

/* The text in the user's language, else English, else the first given. */
const char *sc_text_get (const ScText *text);
/* The text in LANG (e.g. "gd", "en_GB"), with the same fallbacks. */
const char *sc_text_get_for (const ScText *text, const char *lang);

const char *sc_indicator_kind_to_string (ScIndicatorKind kind);
const char *sc_instrument_kind_to_string (ScInstrumentKind kind);
const char *sc_question_type_to_string (ScQuestionType type);
const char *sc_rule_kind_to_string (ScRuleKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScFramework, sc_framework_unref)

G_END_DECLS
