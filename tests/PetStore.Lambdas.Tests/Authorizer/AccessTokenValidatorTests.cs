using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Authorizer;

/// <summary>
/// The token validator's own rules, beyond what the authorizer tests cover. Tokens are minted by
/// Microsoft.IdentityModel (in TestTokens) or assembled by hand where a standard library would refuse to.
/// </summary>
public class AccessTokenValidatorTests
{
    private readonly TestTokens _tokens = new();
    private readonly JwksServer _jwks;
    private readonly AccessTokenValidator _validator;

    public AccessTokenValidatorTests()
    {
        _jwks = new JwksServer(_tokens);
        _validator = new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(_jwks), TimeProvider.System));
    }

    private Task<VerifiedIdentity> Validate(string token) => _validator.ValidateAsync(token);

    private async Task<string> Rejected(string token) => (await Assert.ThrowsAsync<TokenRejectedException>(() => Validate(token))).Message;

    /// <summary>A token assembled from raw JSON and signed with the pool's key, for shapes libraries would not produce.</summary>
    private string Handmade(string header, string payload, HashAlgorithmName? hash = null, RSASignaturePadding? padding = null)
    {
        var signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        var signature = _tokens.SigningKey.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), hash ?? HashAlgorithmName.SHA256, padding ?? RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private string Claims(string extra = "", long? exp = null) =>
        $$"""{"iss":"{{_tokens.Pool.Issuer}}","sub":"s1","username":"alice","token_use":"access","client_id":"{{TestTokens.ClientId}}","scope":"petstore/api","exp":{{exp ?? DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}{{extra}}}""";

    [Fact]
    public async Task A_handmade_token_with_the_right_shape_is_accepted()
    {
        var identity = await Validate(Handmade("""{"alg":"RS256","kid":"key-1"}""", Claims(",\"cognito:groups\":[\"owners\"]")));
        Assert.Equal("alice", identity.Username);
        Assert.Equal(["owners"], identity.Groups);
    }

    [Fact]
    public async Task A_repeated_claim_is_refused_rather_than_resolved()
    {
        var token = Handmade("""{"alg":"RS256","kid":"key-1"}""", Claims(",\"client_id\":\"someone-else\""));
        Assert.Contains("repeats a member", await Rejected(token));
    }

    [Fact]
    public async Task A_repeated_header_member_is_refused()
    {
        Assert.Contains("repeats a member", await Rejected(Handmade("""{"alg":"RS256","kid":"key-1","alg":"none"}""", Claims())));
    }

    [Fact]
    public async Task A_member_repeated_under_an_escaped_name_is_refused()
    {
        // "\u0061lg" is "alg": a second spelling of the same member name.
        Assert.Contains("repeats a member", await Rejected(Handmade("""{"alg":"RS256","kid":"key-1","\u0061lg":"RS256"}""", Claims())));
        Assert.Contains("repeats a member", await Rejected(Handmade("""{"alg":"RS256","kid":"key-1"}""",
            Claims(",\"\\u0063lient_id\":\"someone-else\""))));
    }

    [Theory]
    [InlineData("""["x-unknown"]""")]
    [InlineData("""["exp"]""")]
    [InlineData("[]")]
    [InlineData("\"x-unknown\"")]
    public async Task A_critical_header_parameter_is_refused_because_none_is_understood(string crit)
    {
        // RFC 7515 §4.1.11: a recipient that does not understand every listed extension must reject the JWS.
        var reason = await Rejected(Handmade($$"""{"alg":"RS256","kid":"key-1","crit":{{crit}},"x-unknown":true}""", Claims()));
        Assert.Contains("crit", reason);
    }

    /// <summary>A token whose signature spells '-' or '_' somewhere, so the standard alphabet changes it.</summary>
    private string TokenWithUrlAlphabetInSignature()
    {
        for (var i = 0; ; i++)
        {
            var token = _tokens.Access(sub: $"s-{i}", groups: ["owners"]);
            if (token.Split('.')[2].IndexOfAny(['-', '_']) >= 0) return token;
        }
    }

    /// <summary>The same text with the last character's unused low bits changed: the same bytes to a lenient decoder.</summary>
    private static string WithUnusedBitsSet(string segment)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Assert.NotEqual(0, segment.Length % 4);
        var last = alphabet.IndexOf(segment[^1]);
        return segment[..^1] + alphabet[last ^ 1];
    }

    [Theory]
    [InlineData("padding")]
    [InlineData("standard alphabet")]
    [InlineData("unused bits")]
    public async Task A_signature_spelled_another_way_is_refused(string respelling)
    {
        var token = TokenWithUrlAlphabetInSignature();
        var parts = token.Split('.');
        var signature = respelling switch
        {
            "padding" => parts[2] + new string('=', (4 - parts[2].Length % 4) % 4),
            "standard alphabet" => parts[2].Replace('-', '+').Replace('_', '/'),
            _ => WithUnusedBitsSet(parts[2]),
        };
        Assert.NotEqual(parts[2], signature);
        Assert.Equal(LenientBase64Url.Decode(parts[2]), LenientBase64Url.Decode(signature));

        Assert.Contains("signature is not canonical base64url", await Rejected($"{parts[0]}.{parts[1]}.{signature}"));
        await Validate(token);
    }

    /// <summary>A token signed over exactly the given segments, however they are spelled.</summary>
    private string SignedOver(string header, string payload)
    {
        var signature = _tokens.SigningKey.Rsa.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encoded(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>Claims whose encoding needs padding (a length not divisible by 3), so it has padding and unused bits to respell.</summary>
    private string ClaimsNeedingPadding()
    {
        for (var filler = ""; ; filler += "x")
        {
            var claims = Claims($",\"f\":\"{filler}\"");
            if (Encoding.UTF8.GetByteCount(claims) % 3 != 0) return claims;
        }
    }

    [Theory]
    [InlineData("header", "padding")]
    [InlineData("header", "unused bits")]
    [InlineData("payload", "padding")]
    [InlineData("payload", "unused bits")]
    public async Task A_header_or_payload_spelled_another_way_is_refused_even_when_signed_that_way(string segment, string respelling)
    {
        var header = Encoded("""{"alg":"RS256","kid":"key-1"}""");
        var payload = Encoded(ClaimsNeedingPadding());
        string Respell(string text) => respelling == "padding" ? text + new string('=', (4 - text.Length % 4) % 4) : WithUnusedBitsSet(text);
        Assert.NotEqual(0, header.Length % 4);

        var token = segment == "header" ? SignedOver(Respell(header), payload) : SignedOver(header, Respell(payload));

        Assert.Contains($"{segment} is not canonical base64url", await Rejected(token));
        await Validate(SignedOver(header, payload));
    }

    [Fact]
    public async Task A_signature_value_outside_the_key_modulus_is_refused()
    {
        // RSA has one signature per message below the modulus n; s + n is the same value modulo n and must not verify.
        var modulus = new System.Numerics.BigInteger(_tokens.SigningKey.Rsa.ExportParameters(false).Modulus, isUnsigned: true, isBigEndian: true);
        var limit = System.Numerics.BigInteger.One << 2048;
        for (var i = 0; i < 200; i++)
        {
            var parts = _tokens.Access(sub: $"s-{i}").Split('.');
            var s = new System.Numerics.BigInteger(Base64Url.DecodeFromChars(parts[2]), isUnsigned: true, isBigEndian: true);
            if (s + modulus >= limit) continue;
            var bytes = (s + modulus).ToByteArray(isUnsigned: true, isBigEndian: true);
            Assert.Equal(256, bytes.Length);
            Assert.Contains("invalid signature", await Rejected($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(bytes)}"));
            Assert.Contains("invalid signature", await Rejected($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString([0, .. Base64Url.DecodeFromChars(parts[2])])}"));
            return;
        }
        Assert.Fail("no signature small enough to add the modulus to");
    }

    [Theory]
    [InlineData("""{"alg":"PS256","kid":"key-1"}""")]
    [InlineData("""{"alg":"rs256","kid":"key-1"}""")]
    [InlineData("""{"kid":"key-1"}""")]
    public async Task Only_RS256_is_accepted(string header)
    {
        Assert.Contains("algorithm is not RS256", await Rejected(Handmade(header, Claims(), padding: RSASignaturePadding.Pss)));
    }

    [Fact]
    public async Task A_signature_with_another_padding_does_not_verify()
    {
        Assert.Contains("invalid signature", await Rejected(Handmade("""{"alg":"RS256","kid":"key-1"}""", Claims(), padding: RSASignaturePadding.Pss)));
    }

    [Fact]
    public async Task A_key_id_the_pool_does_not_publish_is_refused()
    {
        Assert.Contains("key the issuer does not publish", await Rejected(Handmade("""{"alg":"RS256","kid":"key-9"}""", Claims())));
        Assert.Contains("no key id", await Rejected(Handmade("""{"alg":"RS256"}""", Claims())));
    }

    [Fact]
    public async Task Expiry_is_required_and_not_before_is_honoured()
    {
        Assert.Contains("no expiry", await Rejected(Handmade("""{"alg":"RS256","kid":"key-1"}""", Claims().Replace(",\"exp\":", ",\"expires\":"))));
        Assert.Contains("expired", await Rejected(Handmade("""{"alg":"RS256","kid":"key-1"}""", Claims(exp: DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds()))));
        Assert.Contains("not yet valid", await Rejected(Handmade("""{"alg":"RS256","kid":"key-1"}""",
            Claims($",\"nbf\":{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}"))));
    }

    [Fact]
    public async Task An_overlong_token_is_refused_before_any_parsing()
    {
        Assert.Contains("too long", await Rejected(new string('a', AccessTokenValidator.MaxTokenLength + 1)));
        Assert.Equal(0, _jwks.Fetches);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData("!!!.@@@.###")]
    [InlineData("bnVsbA.bnVsbA.c2ln")] // "null" JSON, not an object
    public async Task Malformed_tokens_are_refused(string token)
    {
        await Rejected(token);
    }

    [Fact]
    public async Task Groups_that_are_not_strings_are_ignored()
    {
        var identity = await Validate(Handmade("""{"alg":"RS256","kid":"key-1"}""", Claims(",\"cognito:groups\":[\"owners\",7,{\"x\":1}]")));
        Assert.Equal(["owners"], identity.Groups);
    }

    [Fact]
    public void Key_sets_keep_only_RSA_signing_keys_of_at_least_2048_bits()
    {
        using var small = RSA.Create(1024);
        var smallKey = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(small.ExportParameters(false)));
        var json = $$"""
            {"keys": [
              {"kty":"RSA","kid":"small","n":"{{smallKey.N}}","e":"{{smallKey.E}}"},
              {"kty":"EC","kid":"ec","crv":"P-256","x":"a","y":"b"},
              {"kty":"RSA","kid":"enc","use":"enc","n":"{{smallKey.N}}","e":"{{smallKey.E}}"},
              {"kty":"RSA","kid":"broken","n":"!!","e":"AQAB"},
              "not a key"
            ]}
            """;
        var keys = JsonWebKeys.Parse(json);
        Assert.Equal(0, keys.Count);

        var good = JsonWebKeys.Parse(_tokens.Jwks());
        Assert.True(good.TryGet("key-1", out _));
        Assert.Throws<System.Text.Json.JsonException>(() => JsonWebKeys.Parse("""{"notkeys":[]}"""));
    }

    [Fact]
    public void Key_sets_keep_no_RSA_key_longer_than_4096_bits_nor_an_exponent_over_32_bits()
    {
        // Verifying costs grow with the modulus and the exponent: a key set may not make every token expensive.
        static string Modulus(int bits, int leadingZeroBytes = 0)
        {
            var bytes = new byte[leadingZeroBytes + bits / 8];
            RandomNumberGenerator.Fill(bytes.AsSpan(leadingZeroBytes));
            bytes[leadingZeroBytes] |= 0x80;
            return System.Buffers.Text.Base64Url.EncodeToString(bytes);
        }
        var json = $$"""
            {"keys": [
              {"kty":"RSA","kid":"4096","n":"{{Modulus(4096)}}","e":"AQAB"},
              {"kty":"RSA","kid":"4096-with-a-leading-zero","n":"{{Modulus(4096, leadingZeroBytes: 1)}}","e":"AQAB"},
              {"kty":"RSA","kid":"4104","n":"{{Modulus(4104)}}","e":"AQAB"},
              {"kty":"RSA","kid":"8192","n":"{{Modulus(8192)}}","e":"AQAB"},
              {"kty":"RSA","kid":"big-exponent","n":"{{Modulus(2048)}}","e":"AQAAAAE"}
            ]}
            """;

        var keys = JsonWebKeys.Parse(json);

        Assert.True(keys.TryGet("4096", out _));
        Assert.True(keys.TryGet("4096-with-a-leading-zero", out _));
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public async Task An_invalid_key_set_is_an_unavailable_key_source_not_a_bad_token()
    {
        _jwks.Overrides[_tokens.Pool.KeySetUri!.ToString()] = "<html>oops</html>";
        await Assert.ThrowsAsync<HttpRequestException>(() => Validate(_tokens.Access()));
    }

    [Fact]
    public async Task Prefetching_loads_the_keys_before_the_first_token()
    {
        var cache = new JwksCache(new HttpClient(_jwks), TimeProvider.System);
        cache.Prefetch([_tokens.Pool]);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (_jwks.Fetches == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);

        await new AccessTokenValidator([_tokens.Pool], cache).ValidateAsync(_tokens.Access());

        Assert.Equal(1, _jwks.Fetches);
    }
}
