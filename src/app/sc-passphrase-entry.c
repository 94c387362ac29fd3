/* sc-passphrase-entry.c: a new passphrase, typed twice, with its strength
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used wherever a passphrase is chosen: creating the store, and a new one
 * after unlocking with the recovery code. The feedback comes from the same
 * rules the store applies (sc_passphrase_check()). Emits "changed" as either
 * row changes, and "activate" when Enter is pressed in the repeat row.
 */
#include <glib/gi18n.h>

#include "sc-accessible.h"
#include "sc-keys.h"
#include "sc-passphrase-entry.h"

struct _ScPassphraseEntry
{
  GtkWidget parent_instance;

  GtkWidget *list;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLevelBar *strength_bar;
  GtkLabel *strength_label;
  GtkLabel *match_label;
  gboolean acceptable;
};

G_DEFINE_FINAL_TYPE (ScPassphraseEntry, sc_passphrase_entry, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Strength levels on the bar: 0 nothing typed, 1 refused, 2-4 accepted. */
#define STRENGTH_REFUSED 1
#define STRENGTH_ACCEPTED 2
#define STRENGTH_GOOD 3
#define STRENGTH_STRONG 4
#define GOOD_CHARS 14
#define STRONG_CHARS 20

/* How strong TEXT is, and a sentence saying so; the store refuses what
 * sc_passphrase_check() refuses, so that is what decides. */
static guint
rate_passphrase (const char  *text,
                 char       **feedback)
{
  g_autoptr (ScSecret) secret = NULL;
  g_autoptr (GError) error = NULL;
  glong chars;

  if (*text == '\0')
    {
      *feedback = g_strdup_printf (_("Use at least %d characters. A few unrelated words are "
                                     "easy to remember and hard to guess."),
                                   SC_MIN_PASSPHRASE_CHARS);
      return 0;
    }

  secret = sc_secret_new_from_text (text, -1);
  if (!sc_passphrase_check (secret, &error))
    {
      *feedback = g_strdup (error->message);
      return STRENGTH_REFUSED;
    }

  chars = g_utf8_strlen (text, -1);
  if (chars >= STRONG_CHARS)
    {
      *feedback = g_strdup (_("Strong passphrase."));
      return STRENGTH_STRONG;
    }
  if (chars >= GOOD_CHARS)
    {
      *feedback = g_strdup (_("Good passphrase. A few more characters make it stronger."));
      return STRENGTH_GOOD;
    }
  *feedback = g_strdup (_("Acceptable, but a longer passphrase is much harder to guess."));
  return STRENGTH_ACCEPTED;
}

static void
update_feedback (ScPassphraseEntry *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  g_autofree char *feedback = NULL;
  guint strength = rate_passphrase (passphrase, &feedback);
  /* Say they differ only once the repeat cannot simply be unfinished. */
  gboolean differ = *confirm != '\0' && !g_str_has_prefix (passphrase, confirm);

  gtk_level_bar_set_value (self->strength_bar, strength);
  gtk_label_set_label (self->strength_label, feedback);
  if (strength == STRENGTH_REFUSED)
    gtk_widget_add_css_class (GTK_WIDGET (self->strength_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->strength_label), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->match_label), differ);
  if (differ)
    gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");

  self->acceptable = strength >= STRENGTH_ACCEPTED && g_str_equal (passphrase, confirm);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
passphrase_activated_cb (ScPassphraseEntry *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

static void
confirm_activated_cb (ScPassphraseEntry *self)
{
  g_signal_emit (self, signals[ACTIVATE], 0);
}

void
sc_passphrase_entry_set_titles (ScPassphraseEntry *self,
                                const char        *title,
                                const char        *repeat_title)
{
  g_return_if_fail (SC_IS_PASSPHRASE_ENTRY (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row), title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row), repeat_title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
}

gboolean
sc_passphrase_entry_get_acceptable (ScPassphraseEntry *self)
{
  g_return_val_if_fail (SC_IS_PASSPHRASE_ENTRY (self), FALSE);

  return self->acceptable;
}

ScSecret *
sc_passphrase_entry_take_secret (ScPassphraseEntry *self)
{
  ScSecret *secret;

  g_return_val_if_fail (SC_IS_PASSPHRASE_ENTRY (self), NULL);

  secret = sc_secret_new_from_text (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)),
                                    -1);
  sc_passphrase_entry_clear (self);
  return secret;
}

void
sc_passphrase_entry_clear (ScPassphraseEntry *self)
{
  g_return_if_fail (SC_IS_PASSPHRASE_ENTRY (self));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

static gboolean
sc_passphrase_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (SC_PASSPHRASE_ENTRY (widget)->passphrase_row));
}

static void
sc_passphrase_entry_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_PASSPHRASE_ENTRY);
  G_OBJECT_CLASS (sc_passphrase_entry_parent_class)->dispose (object);
}

static void
sc_passphrase_entry_class_init (ScPassphraseEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_passphrase_entry_dispose;
  widget_class->grab_focus = sc_passphrase_entry_grab_focus;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sc-passphrase-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, ScPassphraseEntry, list);
  gtk_widget_class_bind_template_child (widget_class, ScPassphraseEntry, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, ScPassphraseEntry, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, ScPassphraseEntry, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, ScPassphraseEntry, strength_label);
  gtk_widget_class_bind_template_child (widget_class, ScPassphraseEntry, match_label);
  gtk_widget_class_bind_template_callback (widget_class, update_feedback);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-passphrase-entry");
}

static void
sc_passphrase_entry_init (ScPassphraseEntry *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  sc_accessible_name_peek_button (self->passphrase_row);
  sc_accessible_name_peek_button (self->confirm_row);
  /* Refused, accepted, good, strong: red, amber, green, green (style.css).
   * The offsets sit between the levels so that no level is on the edge. */
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW,
                                  STRENGTH_REFUSED + 0.5);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH,
                                  STRENGTH_ACCEPTED + 0.5);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, STRENGTH_STRONG);
  update_feedback (self);
}

GtkWidget *
sc_passphrase_entry_new (void)
{
  return g_object_new (SC_TYPE_PASSPHRASE_ENTRY, NULL);
}
