/* Calendar arithmetic for resolving relative dates: days since the epoch as the
 * common currency, so "last week" and "yesterday" are subtraction. */
#include "calendar.h"

long calendar_days(int y, int m, int d)
{
        long yy = y - (m <= 2);
        long era = (yy >= 0 ? yy : yy - 399) / 400;
        long yoe = yy - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

        return era * 146097 + doe - 719468;
}

void calendar_civil(long z, int *y, int *m, int *d)
{
        long era, doe, yoe, doy, mp;

        z += 719468;
        era = (z >= 0 ? z : z - 146096) / 146097;
        doe = z - era * 146097;
        yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        mp = (5 * doy + 2) / 153;
        *d = (int)(doy - (153 * mp + 2) / 5 + 1);
        *m = (int)(mp < 10 ? mp + 3 : mp - 9);
        *y = (int)(yoe + era * 400 + (*m <= 2));
}

int calendar_weekday(long days)
{
        long w = (days + 3) % 7; /* 1970-01-01 was a Thursday */

        return (int)(w < 0 ? w + 7 : w) + 1;
}

long calendar_iso_week_start(int iso_year, int week)
{
        long jan4 = calendar_days(iso_year, 1, 4);
        long week1 = jan4 - (calendar_weekday(jan4) - 1);

        return week1 + (long)(week - 1) * 7;
}

void calendar_iso_week(long days, int *iso_year, int *week)
{
        int y, m, d;
        long start;

        calendar_civil(days + (4 - calendar_weekday(days)), &y, &m, &d); /* the Thursday decides the year */
        start = calendar_iso_week_start(y, 1);
        *iso_year = y;
        *week = (int)((days - start) / 7) + 1;
}
