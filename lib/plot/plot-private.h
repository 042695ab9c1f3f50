/*
 * libtraderules - charts: the palette and limits (internal; tests link them).
 * SPDX-License-Identifier: MIT
 */
#ifndef TR_PLOT_PRIVATE_H
#define TR_PLOT_PRIVATE_H

#include <traderules/plot.h>

/* PNG default: 1.5 pixels per point. */
#define TRP_DEFAULT_DPI 108.0
#define TRP_MIN_DPI 36.0
#define TRP_MAX_DPI 2400.0
/* Page sizes in points: half an inch to 200 inches (PDF's page limit). */
#define TRP_MIN_SIZE 36.0
#define TRP_MAX_SIZE 14400.0
/* "unknown": hatching lines (strength) and the light grey of the unknown family. */
#define TRP_UNKNOWN_HATCH 0x8c8c8cu
#define TRP_UNKNOWN_FAMILY 0xe8e8e8u

/* The two sides of a comparison: Okabe-Ito blue and vermillion. */
#define TRP_SIDE_A 0x0072b2u
#define TRP_SIDE_B 0xd55e00u

/* Chart options (tr_plot_options_*; the chart module reads them and sets missing_glyphs). */
struct tr_plot_options {
  double width, height; /* points; 0 = natural */
  double dpi;
  char *title;
  size_t missing_glyphs;
};

/* Okabe-Ito colours (0xRRGGBB) of strengths and families; unknown gives the values above. */
unsigned int trp_strength_colour(tr_strength s);
unsigned int trp_family_colour(tr_family f);

#endif
