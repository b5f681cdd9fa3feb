/* Proleptic Gregorian calendar arithmetic on plain integers. */
#ifndef HERALD_CALENDAR_H
#define HERALD_CALENDAR_H

/* Days since 1970-01-01 for y-m-d, and back (Howard Hinnant's algorithms). */
long calendar_days(int y, int m, int d);
void calendar_civil(long days, int *y, int *m, int *d);

/* ISO 8601 weekday, 1 = Monday … 7 = Sunday. */
int calendar_weekday(long days);

/* ISO week-numbering year and week of a day. */
void calendar_iso_week(long days, int *iso_year, int *week);

/* The Monday of ISO week `week` of `iso_year`. */
long calendar_iso_week_start(int iso_year, int week);

#endif
