/* sc-question-editor.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "sc-indicator-tags.h"
#include "sc-question-editor.h"
#include "sc-scale-picker.h"
#include "sc-text-field.h"

struct _ScQuestionEditor
{
  GtkWidget parent_instance;

  const ScFramework *framework;
  const ScQuestion *question;

  GtkWidget *box;
  GtkWidget *input;         /* ScScalePicker, ScTextField or GtkEntry */
  GtkWidget *calendar_button;
  GtkWidget *problem_label;
  GtkWidget *tags;
  GtkWidget *evidence_button;
  GtkWidget *evidence_box;
  GtkWidget *evidence;      /* ScTextField, made when first needed */
  char *pending_evidence;   /* shown once the field exists */
  gboolean editable;
  gboolean setting;
};

G_DEFINE_FINAL_TYPE (ScQuestionEditor, sc_question_editor, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (ScQuestionEditor *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_picker (ScQuestionEditor *self)
{
  const ScQuestion *q = self->question;
  GtkWidget *picker;

  switch (q->type)
    {
    case SC_QUESTION_SCALE:
      picker = sc_scale_picker_new (FALSE, q->scale->levels->len);
      for (guint i = 0; i < q->scale->levels->len; i++)
        {
          const ScLevel *level = g_ptr_array_index (q->scale->levels, i);
          g_autofree char *value = g_strdup_printf ("%d", level->value);

          sc_scale_picker_add_option (SC_SCALE_PICKER (picker), value, value,
                                      sc_text_get (level->label),
                                      level->meaning ? sc_text_get (level->meaning) : NULL,
                                      level->value <= 9 ? GDK_KEY_0 + level->value : 0);
        }
      break;

    case SC_QUESTION_YESNO:
      picker = sc_scale_picker_new (FALSE, 2);
      /* Translators: Y is the key that answers yes; keep it in step with "Yes" */
      sc_scale_picker_add_option (SC_SCALE_PICKER (picker), "yes", NULL, _("Yes"), NULL,
                                  gdk_unicode_to_keyval (g_utf8_get_char (C_("key", "y"))));
      sc_scale_picker_add_option (SC_SCALE_PICKER (picker), "no", NULL, _("No"), NULL,
                                  gdk_unicode_to_keyval (g_utf8_get_char (C_("key", "n"))));
      break;

    case SC_QUESTION_CHOICE:
    case SC_QUESTION_MULTI:
    default:
      {
        GPtrArray *choices = q->choices->choices;
        guint longest = 0;

        for (guint i = 0; i < choices->len; i++)
          longest = MAX (longest,
                         g_utf8_strlen (sc_text_get (((ScChoice *) choices->pdata[i])->label), -1));
        picker = sc_scale_picker_new (q->type == SC_QUESTION_MULTI, longest > 24 ? 2 : 4);
        for (guint i = 0; i < choices->len; i++)
          {
            const ScChoice *choice = g_ptr_array_index (choices, i);
            g_autofree char *badge = i < 9 ? g_strdup_printf ("%u", i + 1) : NULL;

            sc_scale_picker_add_option (SC_SCALE_PICKER (picker), choice->id, NULL,
                                        sc_text_get (choice->label), NULL,
                                        i < 9 ? GDK_KEY_1 + i : 0);
          }
      }
      break;
    }
  g_signal_connect_swapped (picker, "changed", G_CALLBACK (emit_changed), self);
  return picker;
}

static void
day_selected_cb (GtkCalendar      *calendar,
                 ScQuestionEditor *self)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->input), iso);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
  gtk_widget_grab_focus (self->input);
}

static void
create_calendar_cb (GtkMenuButton    *button,
                    ScQuestionEditor *self)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkWidget *calendar;
  int y, m, d;

  if (popover == NULL)
    {
      popover = gtk_popover_new ();
      calendar = gtk_calendar_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sc_text_get (self->question->text), -1);
      g_signal_connect (calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_menu_button_set_popover (button, popover);
    }
  calendar = gtk_popover_get_child (GTK_POPOVER (popover));
  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (self->input)), "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      g_date_valid_dmy (d, m, y))
    {
      g_autoptr (GDateTime) date = g_date_time_new_local (y, m, d, 0, 0, 0);

      g_signal_handlers_block_by_func (calendar, day_selected_cb, self);
      gtk_calendar_select_day (GTK_CALENDAR (calendar), date);
      g_signal_handlers_unblock_by_func (calendar, day_selected_cb, self);
    }
}

static GtkWidget *
make_entry (ScQuestionEditor *self,
            GtkWidget       **row)
{
  const ScQuestion *q = self->question;
  GtkWidget *entry = gtk_entry_new ();

  *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (*row, "linked");
  gtk_box_append (GTK_BOX (*row), entry);

  if (q->type == SC_QUESTION_DATE)
    {
      /* Translators: the form a date is typed in; keep the ISO order */
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      self->calendar_button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->calendar_button),
                                     "x-office-calendar-symbolic");
      gtk_widget_set_tooltip_text (self->calendar_button, _("Pick a date"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a date"), -1);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->calendar_button),
                                             (GtkMenuButtonCreatePopupFunc) create_calendar_cb,
                                             self, NULL);
      gtk_box_append (GTK_BOX (*row), self->calendar_button);
    }
  else
    {
      g_autofree char *range = NULL;

      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
      if (q->has_min && q->has_max)
        /* Translators: the range a number must be in, e.g. "0 to 50" */
        range = g_strdup_printf (_("%g to %g"), q->min, q->max);
      else if (q->has_min)
        range = g_strdup_printf (_("%g or more"), q->min);
      else if (q->has_max)
        range = g_strdup_printf (_("Up to %g"), q->max);
      if (range != NULL)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), range);
    }
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (emit_changed), self);
  return entry;
}

static void
ensure_evidence (ScQuestionEditor *self)
{
  g_autofree char *label = NULL;

  if (self->evidence != NULL)
    return;

  /* Translators: %s is a question; this labels the note of evidence for its answer */
  label = g_strdup_printf (_("Evidence for: %s"), sc_text_get (self->question->text));
  self->evidence = sc_text_field_new (label);
  sc_text_field_set_placeholder (SC_TEXT_FIELD (self->evidence),
                                 _("What in the record supports this answer"));
  sc_text_field_set_editable (SC_TEXT_FIELD (self->evidence), self->editable);
  sc_text_field_set_text (SC_TEXT_FIELD (self->evidence), self->pending_evidence);
  g_clear_pointer (&self->pending_evidence, g_free);
  g_signal_connect_swapped (self->evidence, "changed", G_CALLBACK (emit_changed), self);
  gtk_box_append (GTK_BOX (self->evidence_box), self->evidence);
}

static void
evidence_toggled_cb (GtkToggleButton  *button,
                     ScQuestionEditor *self)
{
  gboolean show = gtk_toggle_button_get_active (button);

  if (show)
    ensure_evidence (self);
  gtk_widget_set_visible (self->evidence_box, show);
  if (show && !self->setting)
    gtk_widget_grab_focus (self->evidence);
}

static void
build (ScQuestionEditor *self)
{
  const ScQuestion *q = self->question;
  const char *text = sc_text_get (q->text);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = make_label (text, "sc-question-title");
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *input_row = NULL;

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (title_box), title);
  if (q->required)
    {
      GtkWidget *badge = gtk_label_new (_("Required"));

      gtk_widget_add_css_class (badge, "sc-badge");
      gtk_widget_add_css_class (badge, "required");
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (title_box), badge);
    }
  gtk_box_append (GTK_BOX (self->box), title_box);

  if (q->help != NULL)
    gtk_box_append (GTK_BOX (self->box), make_label (sc_text_get (q->help), "sc-question-help"));

  switch (q->type)
    {
    case SC_QUESTION_TEXT:
      self->input = sc_text_field_new (text);
      g_signal_connect_swapped (self->input, "changed", G_CALLBACK (emit_changed), self);
      input_row = self->input;
      break;
    case SC_QUESTION_DATE:
    case SC_QUESTION_NUMBER:
      self->input = make_entry (self, &input_row);
      break;
    default:
      self->input = make_picker (self);
      input_row = self->input;
      break;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  if (q->required)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->input),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE, -1);
  if (q->help != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sc_text_get (q->help),
                                    -1);
  gtk_box_append (GTK_BOX (self->box), input_row);

  self->problem_label = make_label (NULL, "error");
  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->problem_label);

  self->tags = sc_indicator_tags_new (self->framework);
  sc_indicator_tags_set_fixed (SC_INDICATOR_TAGS (self->tags), q->indicators);
  gtk_widget_set_hexpand (self->tags, TRUE);
  g_signal_connect_swapped (self->tags, "changed", G_CALLBACK (emit_changed), self);
  gtk_box_append (GTK_BOX (footer), self->tags);

  self->evidence_button = gtk_toggle_button_new_with_mnemonic (_("_Evidence"));
  gtk_widget_add_css_class (self->evidence_button, "flat");
  gtk_widget_set_tooltip_text (self->evidence_button, _("Note the evidence for this answer"));
  {
    /* Translators: %s is a question */
    g_autofree char *label = g_strdup_printf (_("Evidence for: %s"), text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->evidence_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
  }
  g_signal_connect (self->evidence_button, "toggled", G_CALLBACK (evidence_toggled_cb), self);
  gtk_box_append (GTK_BOX (footer), self->evidence_button);
  gtk_box_append (GTK_BOX (self->box), footer);

  self->evidence_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_visible (self->evidence_box, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->evidence_box);
}

static void
sc_question_editor_dispose (GObject *object)
{
  ScQuestionEditor *self = SC_QUESTION_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_question_editor_parent_class)->dispose (object);
}

static void
sc_question_editor_finalize (GObject *object)
{
  ScQuestionEditor *self = SC_QUESTION_EDITOR (object);

  g_free (self->pending_evidence);
  G_OBJECT_CLASS (sc_question_editor_parent_class)->finalize (object);
}

static void
sc_question_editor_class_init (ScQuestionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_question_editor_dispose;
  object_class->finalize = sc_question_editor_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-question");
}

static void
sc_question_editor_init (ScQuestionEditor *self)
{
  self->editable = TRUE;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
sc_question_editor_new (const ScFramework *framework,
                        const ScQuestion  *question)
{
  ScQuestionEditor *self = g_object_new (SC_TYPE_QUESTION_EDITOR, NULL);

  self->framework = framework;
  self->question = question;
  build (self);
  return GTK_WIDGET (self);
}

const ScQuestion *
sc_question_editor_get_question (ScQuestionEditor *self)
{
  g_return_val_if_fail (SC_IS_QUESTION_EDITOR (self), NULL);

  return self->question;
}

static void
set_value (ScQuestionEditor *self,
           const char       *value)
{
  if (SC_IS_SCALE_PICKER (self->input))
    sc_scale_picker_set_value (SC_SCALE_PICKER (self->input), value);
  else if (SC_IS_TEXT_FIELD (self->input))
    sc_text_field_set_text (SC_TEXT_FIELD (self->input), value);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->input), value != NULL ? value : "");
}

void
sc_question_editor_set_answer (ScQuestionEditor *self,
                               const ScAnswer   *answer)
{
  const char *evidence = answer != NULL ? answer->evidence : NULL;
  gboolean has_evidence = evidence != NULL && *evidence != '\0';

  g_return_if_fail (SC_IS_QUESTION_EDITOR (self));

  self->setting = TRUE;
  set_value (self, answer != NULL ? answer->value : NULL);
  sc_indicator_tags_set_tags (SC_INDICATOR_TAGS (self->tags),
                              answer != NULL ? answer->indicators : NULL);
  if (self->evidence != NULL)
    sc_text_field_set_text (SC_TEXT_FIELD (self->evidence), evidence);
  else
    {
      g_free (self->pending_evidence);
      self->pending_evidence = g_strdup (evidence);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->evidence_button), has_evidence);
  self->setting = FALSE;
  sc_question_editor_set_problem (self, NULL);
}

char *
sc_question_editor_get_value (ScQuestionEditor *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (SC_IS_QUESTION_EDITOR (self), NULL);

  if (SC_IS_SCALE_PICKER (self->input))
    value = sc_scale_picker_get_value (SC_SCALE_PICKER (self->input));
  else if (SC_IS_TEXT_FIELD (self->input))
    value = sc_text_field_get_text (SC_TEXT_FIELD (self->input));
  else
    value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input))));
  return value != NULL && *value != '\0' ? g_steal_pointer (&value) : NULL;
}

char *
sc_question_editor_get_evidence (ScQuestionEditor *self)
{
  g_return_val_if_fail (SC_IS_QUESTION_EDITOR (self), NULL);

  if (self->evidence == NULL)
    return g_strdup (self->pending_evidence);
  return sc_text_field_get_text (SC_TEXT_FIELD (self->evidence));
}

char *
sc_question_editor_get_tags (ScQuestionEditor *self)
{
  g_return_val_if_fail (SC_IS_QUESTION_EDITOR (self), NULL);

  return sc_indicator_tags_get_tags (SC_INDICATOR_TAGS (self->tags));
}

void
sc_question_editor_set_problem (ScQuestionEditor *self,
                                const char       *problem)
{
  g_return_if_fail (SC_IS_QUESTION_EDITOR (self));

  gtk_label_set_label (GTK_LABEL (self->problem_label), problem);
  gtk_widget_set_visible (self->problem_label, problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (self->input, "error");
  else
    gtk_widget_remove_css_class (self->input, "error");
}

void
sc_question_editor_set_editable (ScQuestionEditor *self,
                                 gboolean          editable)
{
  g_return_if_fail (SC_IS_QUESTION_EDITOR (self));

  self->editable = editable;
  if (SC_IS_SCALE_PICKER (self->input))
    sc_scale_picker_set_editable (SC_SCALE_PICKER (self->input), editable);
  else if (SC_IS_TEXT_FIELD (self->input))
    sc_text_field_set_editable (SC_TEXT_FIELD (self->input), editable);
  else
    gtk_editable_set_editable (GTK_EDITABLE (self->input), editable);
  if (self->calendar_button != NULL)
    gtk_widget_set_sensitive (self->calendar_button, editable);
  if (self->evidence != NULL)
    sc_text_field_set_editable (SC_TEXT_FIELD (self->evidence), editable);
  sc_indicator_tags_set_editable (SC_INDICATOR_TAGS (self->tags), editable);
}

void
sc_question_editor_set_missing (ScQuestionEditor *self,
                                gboolean          missing)
{
  g_return_if_fail (SC_IS_QUESTION_EDITOR (self));

  if (missing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "missing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "missing");
}

void
sc_question_editor_focus (ScQuestionEditor *self)
{
  g_return_if_fail (SC_IS_QUESTION_EDITOR (self));

  if (SC_IS_SCALE_PICKER (self->input))
    gtk_widget_child_focus (self->input, GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (self->input);
}
