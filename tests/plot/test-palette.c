/* The chart palette stays apart under colour-vision deficiencies (white-box: the library's
 * own colour functions). Simulation: Machado, Oliveira & Fernandes (2009), severity 1.0,
 * in linear RGB; distance: CIE76 ΔE in CIELAB (D65). docs/charts.md. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <cmocka.h>

#include "plot/plot-private.h"

#define MIN_DELTA_E 15.0

static const double sims[4][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, /* normal vision */
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
  { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
};
static const char *const sim_names[4] = { "normal", "protanopia", "deuteranopia", "tritanopia" };

static double lin(unsigned v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double f_lab(double t) { return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116; }

static void lab_of(unsigned hex, int sim, double lab[3]) {
  double rgb[3] = { lin((hex >> 16) & 0xff), lin((hex >> 8) & 0xff), lin(hex & 0xff) }, s[3];
  for (int i = 0; i < 3; i++) {
    s[i] = 0;
    for (int j = 0; j < 3; j++)
      s[i] += sims[sim][i][j] * rgb[j];
    s[i] = fmin(1, fmax(0, s[i]));
  }
  double X = 0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2];
  double Y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
  double Z = 0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2];
  double fx = f_lab(X / 0.95047), fy = f_lab(Y), fz = f_lab(Z / 1.08883);
  lab[0] = 116 * fy - 16;
  lab[1] = 500 * (fx - fy);
  lab[2] = 200 * (fy - fz);
}

static double delta_e(unsigned a, unsigned b, int sim) {
  double la[3], lb[3];
  lab_of(a, sim, la);
  lab_of(b, sim, lb);
  return sqrt(pow(la[0] - lb[0], 2) + pow(la[1] - lb[1], 2) + pow(la[2] - lb[2], 2));
}

/* every pair of the set at least MIN_DELTA_E apart under every simulation; returns the minimum */
static double check_set(const unsigned *c, const char *const *names, int n) {
  double worst = INFINITY;
  for (int s = 0; s < 4; s++)
    for (int i = 0; i < n; i++)
      for (int j = i + 1; j < n; j++) {
        double d = delta_e(c[i], c[j], s);
        if (d < MIN_DELTA_E)
          fail_msg("%s and %s only %.1f apart under %s", names[i], names[j], d, sim_names[s]);
        worst = fmin(worst, d);
      }
  return worst;
}

static void test_families(void **state) {
  (void)state;
  const unsigned c[5] = { trp_family_colour(TR_FAMILY_AMERICAN), trp_family_colour(TR_FAMILY_EUROPEAN),
                          trp_family_colour(TR_FAMILY_MULTILATERAL), trp_family_colour(TR_FAMILY_OTHER),
                          trp_family_colour(TR_FAMILY_UNKNOWN) };
  const char *const names[5] = { "american", "european", "multilateral", "other", "unknown family" };
  assert_int_equal(c[4], TRP_UNKNOWN_FAMILY);
  print_message("families: smallest ΔE %.1f\n", check_set(c, names, 5));
  /* the Okabe-Ito hues themselves */
  assert_int_equal(c[0], 0x0072b2);
  assert_int_equal(c[1], 0xe69f00);
  assert_int_equal(c[2], 0x009e73);
  assert_int_equal(c[3], 0xcc79a7);
}

static void test_strengths(void **state) {
  (void)state;
  const unsigned c[5] = { trp_strength_colour(TR_STRENGTH_HARD), trp_strength_colour(TR_STRENGTH_MIXED),
                          trp_strength_colour(TR_STRENGTH_SOFT), trp_strength_colour(TR_STRENGTH_NONE),
                          trp_strength_colour(TR_STRENGTH_UNKNOWN) };
  const char *const names[5] = { "hard", "mixed", "soft", "none", "unknown (hatching)" };
  assert_int_equal(c[4], TRP_UNKNOWN_HATCH);
  print_message("strengths: smallest ΔE %.1f\n", check_set(c, names, 5));
  /* an ordinal ramp: lightness rises from hard to none under every simulation */
  for (int s = 0; s < 4; s++)
    for (int i = 0; i + 1 < 4; i++) {
      double a[3], b[3];
      lab_of(c[i], s, a);
      lab_of(c[i + 1], s, b);
      assert_true(b[0] > a[0] + 5);
    }
}

/* the check itself can fail: the palette before issue 14 had American #1f5fa8 and Other
 * #8e44ad, which deuteranopia brings to about 9 ΔE (the complaint) */
static void test_check_discriminates(void **state) {
  (void)state;
  assert_true(delta_e(0x1f5fa8, 0x8e44ad, 2) < MIN_DELTA_E);
  assert_true(delta_e(0x1f5fa8, 0x8e44ad, 0) > MIN_DELTA_E);
  assert_true(delta_e(0x0072b2, 0x0072b2, 1) < 0.001);
  assert_true(delta_e(0xff0000, 0x00ff00, 0) > MIN_DELTA_E);
  /* red and green are far apart for normal vision, much closer under deuteranopia */
  assert_true(delta_e(0xd62728, 0x2ca02c, 2) < delta_e(0xd62728, 0x2ca02c, 0) / 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_families),
    cmocka_unit_test(test_strengths),
    cmocka_unit_test(test_check_discriminates),
  };
  return cmocka_run_group_tests_name("plot-palette", tests, NULL, NULL);
}
