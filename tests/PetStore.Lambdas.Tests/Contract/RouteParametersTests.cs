using CsCheck;
using PetStore.Contract;

namespace PetStore.Lambdas.Tests.Contract;

public class RouteParametersTests
{
    private const string Id = "0198f3a2-7b7c-7d1e-9f00-0123456789ab";

    private static string? Read(PathParameterKind kind, string delivered) =>
        RouteParameters.TryRead("p", kind, delivered, out var value, out _) ? value : null;

    [Theory]
    [InlineData(Id, Id)]
    [InlineData("%30198f3a2-7b7c-7d1e-9f00-0123456789ab", Id)]
    [InlineData("0198F3A2-7B7C-7D1E-9F00-0123456789AB", null)]
    [InlineData("%200198f3a2-7b7c-7d1e-9f00-0123456789ab%20", null)]
    [InlineData(" 0198f3a2-7b7c-7d1e-9f00-0123456789ab", null)]
    [InlineData("0198f3a2-7b7c-7d1e-9f00-0123456789ab%0A", null)]
    [InlineData("{0198f3a2-7b7c-7d1e-9f00-0123456789ab}", null)]
    [InlineData("0198f3a27b7c7d1e9f000123456789ab", null)]
    [InlineData("not-a-uuid", null)]
    [InlineData("", null)]
    public void An_id_is_read_only_in_the_spelling_the_API_writes(string delivered, string? expected) =>
        Assert.Equal(expected, Read(PathParameterKind.Id, delivered));

    [Theory]
    [InlineData("reports/q1", "reports/q1")]
    [InlineData("secret%2Fx", "secret/x")]
    [InlineData("secret%2fx", "secret/x")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("a+b", "a+b")]
    [InlineData("my%20reports/q1", "my reports/q1")]
    [InlineData("reports%20/q1", null)]
    [InlineData("reports/%09q1", null)]
    [InlineData("secret%252Fx", null)]
    [InlineData("a/../secret", null)]
    [InlineData("a/%2E%2E/secret", null)]
    [InlineData("./x", null)]
    [InlineData("a//b", null)]
    [InlineData("a%2F%2Fb", null)]
    [InlineData("%2Fx", null)]
    [InlineData("x/", null)]
    [InlineData("a%5Cb", null)]
    [InlineData("x%0A", null)]
    [InlineData("x%00", null)]
    [InlineData("x%E2%80%8B", null)]
    [InlineData("a%C0%AFb", null)]
    [InlineData("x%C3%28", null)]
    [InlineData("cafe%CC%81", null)]
    [InlineData("x%", null)]
    [InlineData("x%2", null)]
    [InlineData("x%zz", null)]
    public void A_path_is_decoded_once_and_must_be_canonical(string delivered, string? expected) =>
        Assert.Equal(expected, Read(PathParameterKind.Path, delivered));

    [Fact]
    public void A_refusal_names_the_parameter_and_says_what_it_must_be()
    {
        var reading = RouteParameters.Read(RouteTable.Find("DELETE", "/pets/{petId}")!, new Dictionary<string, string> { ["petId"] = Id.ToUpperInvariant() });

        Assert.False(reading.IsValid);
        Assert.StartsWith("petId must be an id as this API returns it", reading.Problem);
        Assert.Equal(new Dictionary<string, string> { ["petId"] = "" }, reading.ForDecision(RouteTable.Find("DELETE", "/pets/{petId}")!));
    }

    /// <summary>
    /// Whether API Gateway delivers a parameter as sent or decoded once (public sources disagree; docs/API.md), the
    /// reading never accepts two different values: it accepts the same value, or refuses in one case.
    /// </summary>
    [Fact]
    public void Reading_what_was_sent_and_reading_it_decoded_never_accept_two_different_values()
    {
        var pieces = Gen.OneOf("a", "/", "%2F", "%25", "%2525", "%41", "%2E", ".", "%C3%A9", "%0A", "%20", "%", "b", "..");
        pieces.Array[1, 8].Select(p => string.Concat(p)).Sample(sent =>
        {
            if (!RouteParameters.TryDecodeOnce(sent, out var decoded, out _) && !TryDecodeAllowingPercent(sent, out decoded)) return;
            foreach (var kind in Enum.GetValues<PathParameterKind>())
            {
                var (asSent, asDecoded) = (Read(kind, sent), Read(kind, decoded));
                if (asSent is not null && asDecoded is not null) Assert.Equal(asSent, asDecoded);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Every_route_parameter_has_a_kind_and_greedy_ones_are_paths()
    {
        foreach (var route in RouteTable.All)
        foreach (var segment in RoutePath.Segments(route.Path).Where(RoutePath.IsParameter))
        {
            var kind = route.Parameters.Single(p => p.Name == RoutePath.ParameterName(segment)).Kind;
            Assert.Equal(RoutePath.IsGreedy(segment), kind == PathParameterKind.Path);
        }
    }

    /// <summary>Decoding as a gateway would, which keeps a decoded '%' (the reader refuses it).</summary>
    private static bool TryDecodeAllowingPercent(string text, out string decoded)
    {
        try
        {
            decoded = Uri.UnescapeDataString(text);
            return !decoded.Contains('\uFFFD');
        }
        catch (UriFormatException)
        {
            decoded = "";
            return false;
        }
    }
}
