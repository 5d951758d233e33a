# German dates with non-breaking spaces: "5. Dezember 2016"
DATE_FORMAT = "j.\xa0F Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j.\xa0F Y, H:i \\U\\h\\r"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
USE_THOUSAND_SEPARATOR = True
