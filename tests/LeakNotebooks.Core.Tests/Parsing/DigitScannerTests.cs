using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LeakNotebooks.Core.Parsing.Internal;

namespace LeakNotebooks.Core.Tests.Parsing;

public class DigitScannerTests
{
    [Fact]
    public void Eight_byte_digit_parsing_matches_decimal_parsing()
    {
        var random = new Random(99);
        string[] delimiters = [",", "\n", "]", " ", "x", ",,"];
        for (int i = 0; i < 200_000; i++)
        {
            int digits = random.Next(1, 9);
            long max = (long)Math.Pow(10, digits);
            long number = random.NextInt64(max);
            string text = number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + delimiters[random.Next(delimiters.Length)] + "12345678";
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(Encoding.ASCII.GetBytes(text)[..8]);
            int k = SnapshotParser.LeadingDigits(word);
            int expectedDigits = Math.Min(8, digits + (text[digits] is >= '0' and <= '9' ? 8 : 0));
            Assert.Equal(expectedDigits, k);
            Assert.Equal(ulong.Parse(text[..k], CultureInfo.InvariantCulture), SnapshotParser.DigitsValue(word, k));
        }
    }

    [Fact]
    public void Non_digit_bytes_are_never_taken_for_digits()
    {
        for (int b = 0; b < 256; b++)
        {
            ulong word = (ulong)b | (0x2CUL << 8);
            int expected = b is >= '0' and <= '9' ? 1 : 0;
            Assert.Equal(expected, SnapshotParser.LeadingDigits(word));
        }
    }
}
