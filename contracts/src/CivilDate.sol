// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title CivilDate
/// @notice Converts YYYYMMDD date numbers of the proleptic Gregorian calendar to days since
/// 1970-01-01, the unit of block.timestamp / 1 days.
library CivilDate {
    /// @notice Earliest accepted date number: day 0 of the unix epoch.
    uint256 internal constant MIN_DATE = 19700101;
    /// @notice Latest accepted date number.
    uint256 internal constant MAX_DATE = 99991231;

    /// @notice Converts a YYYYMMDD number to days since 1970-01-01.
    /// @param date Date number such as 20300615.
    /// @return valid False unless the number names a real calendar day in [MIN_DATE, MAX_DATE].
    /// @return day Days since 1970-01-01; 0 when `valid` is false.
    /// @dev days_from_civil from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms",
    /// restricted to years >= 1969 after the March shift, so every term stays unsigned.
    function daysFromDateNumber(uint256 date) internal pure returns (bool valid, uint256 day) {
        if (date < MIN_DATE || date > MAX_DATE) return (false, 0);
        uint256 year = date / 10000;
        uint256 month = (date / 100) % 100;
        uint256 dayOfMonth = date % 100;
        if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return (false, 0);

        // Count years from March so that the leap day is the last day of the year.
        if (month <= 2) --year;
        uint256 era = year / 400;
        uint256 yearOfEra = year - era * 400;
        uint256 shiftedMonth = month > 2 ? month - 3 : month + 9;
        uint256 dayOfYear = (153 * shiftedMonth + 2) / 5 + dayOfMonth - 1;
        uint256 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        // 719468 is the day number of 1970-01-01 counted from 0000-03-01.
        return (true, era * 146097 + dayOfEra - 719468);
    }

    /// @notice Returns the number of days in a month of the Gregorian calendar.
    /// @param year Full year, such as 2030.
    /// @param month Month 1..12.
    /// @return dayCount Days in the month: 28 to 31.
    function daysInMonth(uint256 year, uint256 month) internal pure returns (uint256 dayCount) {
        if (month == 2) {
            bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }
}
