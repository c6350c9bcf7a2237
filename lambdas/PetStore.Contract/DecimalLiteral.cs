using System.Globalization;

namespace PetStore.Contract;

/// <summary>
/// A JSON number judged as written (RFC 8259 grammar), by its exact value: <c>1e-400</c> is not 0 and
/// <c>249.99000000000000000000000000001</c> is not 249.99, although a double or a decimal would round them so.
/// Any spelling of an acceptable value is accepted (<c>249.990</c>, <c>24999e-2</c>) and returned in one form.
/// </summary>
public static class DecimalLiteral
{
    /// <summary>
    /// Reads <paramref name="literal"/> as a number from 0 to <paramref name="max"/> with at most
    /// <paramref name="maxDecimals"/> decimal places. Works on the digits, so exponents of any size cost nothing.
    /// </summary>
    public static DecimalProblem TryParse(string literal, int maxDecimals, decimal max, out decimal value)
    {
        value = 0;
        if (!TrySplit(literal, out var negative, out var digits, out var exponent)) return DecimalProblem.NotANumber;

        // digits × 10^exponent, with digits stripped of leading and trailing zeros.
        digits = digits.TrimStart('0');
        if (digits.Length == 0) return max >= 0 ? DecimalProblem.None : DecimalProblem.OutOfRange; // 0, -0, 0e99
        var trailing = digits.Length - digits.TrimEnd('0').Length;
        digits = digits[..^trailing];
        exponent += trailing;

        if (negative) return DecimalProblem.OutOfRange;
        var integerDigits = digits.Length + exponent;
        var maxIntegerDigits = decimal.Truncate(max).ToString(CultureInfo.InvariantCulture).Length;
        if (integerDigits > maxIntegerDigits) return DecimalProblem.OutOfRange;
        if (-exponent > maxDecimals) return DecimalProblem.TooManyDecimals;

        // At most maxIntegerDigits + maxDecimals significant digits remain: exact in a decimal.
        value = decimal.Parse($"{digits}e{exponent}", NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return value <= max ? DecimalProblem.None : DecimalProblem.OutOfRange;
    }

    /// <summary>
    /// Splits a JSON number into its sign, its significant digits (integer and fraction parts together) and the
    /// power of ten they are scaled by. Exponents beyond ±10^15 are clamped: no value we accept is near them.
    /// </summary>
    private static bool TrySplit(string s, out bool negative, out string digits, out long exponent)
    {
        negative = false;
        digits = "";
        exponent = 0;
        var i = 0;
        if (i < s.Length && s[i] == '-') { negative = true; i++; }

        var intStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        var intPart = s[intStart..i];
        if (intPart.Length == 0 || (intPart.Length > 1 && intPart[0] == '0')) return false;

        var fracPart = "";
        if (i < s.Length && s[i] == '.')
        {
            var fracStart = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            fracPart = s[fracStart..i];
            if (fracPart.Length == 0) return false;
        }

        long written = 0;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            var expNegative = false;
            if (i < s.Length && s[i] is '+' or '-') expNegative = s[i++] == '-';
            var expStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                written = Math.Min(written * 10 + (s[i] - '0'), 1_000_000_000_000_000);
                i++;
            }
            if (i == expStart) return false;
            if (expNegative) written = -written;
        }
        if (i != s.Length) return false;

        digits = intPart + fracPart;
        exponent = written - fracPart.Length;
        return true;
    }
}
