/* placeholder replaced by the unit-test helper */
int main(void) { return 0; }
