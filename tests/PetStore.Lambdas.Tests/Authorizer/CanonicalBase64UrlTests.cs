using System.Buffers.Text;
using System.Text;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Authorizer;

/// <summary>
/// A JWS segment has exactly one accepted spelling: base64url (RFC 4648 §5) without padding, URL alphabet only, zero
/// unused trailing bits (RFC 7515 §2, Appendix C). Every other spelling of the same bytes is refused, so that a token
/// cannot be re-spelled into a new authorizer cache key.
/// </summary>
public class CanonicalBase64UrlTests
{
    [Theory]
    [InlineData("")]
    [InlineData("f")]
    [InlineData("fo")]
    [InlineData("foo")]
    [InlineData("foob")]
    [InlineData("fooba")]
    [InlineData("foobar")]
    public void The_canonical_spelling_round_trips(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(bytes, CanonicalBase64Url.Decode(Base64Url.EncodeToString(bytes)));
    }

    [Fact]
    public void Every_byte_value_round_trips()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (var length = 0; length <= bytes.Length; length += 7)
            Assert.Equal(bytes[..length], CanonicalBase64Url.Decode(Base64Url.EncodeToString(bytes[..length])));
    }

    public static TheoryData<string, string, string> Respellings => new()
    {
        // name, canonical spelling of some bytes, another spelling of the same bytes
        { "one padding character", "Zm9vYmE", "Zm9vYmE=" },
        { "two padding characters", "Zm9vYg", "Zm9vYg==" },
        { "standard alphabet '+'", "-_-_", "+_-_" },
        { "standard alphabet '/'", "-_-_", "-/-_" },
        { "unused bits set, two characters", "Zg", "Zh" },
        { "unused bits set, three characters", "Zm8", "Zm9" },
    };

    [Theory]
    [MemberData(nameof(Respellings))]
    public void Another_spelling_of_the_same_bytes_is_refused(string name, string canonical, string respelled)
    {
        // The lenient decoder reads both as the same bytes: that is what made each spelling a new cache key.
        Assert.Equal(LenientBase64Url.Decode(canonical), LenientBase64Url.Decode(respelled));

        Assert.NotNull(CanonicalBase64Url.Decode(canonical));
        var error = Assert.Throws<FormatException>(() => CanonicalBase64Url.Decode(respelled));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), name);
    }

    [Theory]
    [InlineData("Zm9vY")]     // a length no byte string encodes to
    [InlineData("Zm9v YmE")] // whitespace
    [InlineData("Zm9v\nYmE")]
    [InlineData("Zm9v.YmE")]
    [InlineData("Zm9vYmÉ")]
    [InlineData("=Zm9v")]
    public void Text_that_is_not_base64url_is_refused(string text) =>
        Assert.Throws<FormatException>(() => CanonicalBase64Url.Decode(text));

    [Fact]
    public void The_reason_names_what_is_wrong()
    {
        Assert.Contains("padding", Assert.Throws<FormatException>(() => CanonicalBase64Url.Decode("Zm9vYg==")).Message);
        Assert.Contains("'+'", Assert.Throws<FormatException>(() => CanonicalBase64Url.Decode("+_-_")).Message);
        Assert.Contains("unused bits", Assert.Throws<FormatException>(() => CanonicalBase64Url.Decode("Zh")).Message);
    }
}
