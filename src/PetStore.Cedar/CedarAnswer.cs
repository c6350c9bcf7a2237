using System.Text.Json.Nodes;

namespace PetStore.Cedar;

/// <summary>Reading cedar-wasm answers: <c>{"type":"success", ...}</c> or <c>{"type":"failure","errors":[...]}</c>.</summary>
internal static class CedarAnswer
{
    public static bool IsSuccess(JsonNode answer) => answer["type"]?.GetValue<string>() == "success";

    public static IEnumerable<JsonObject> Errors(JsonNode answer) =>
        answer["errors"]?.AsArray().Select(e => e!.AsObject()) ?? [];

    /// <summary>"message (help)" of a cedar DetailedError.</summary>
    public static string Describe(JsonNode error)
    {
        var message = error["message"]!.GetValue<string>();
        return error["help"]?.GetValue<string>() is { Length: > 0 } help ? $"{message} (help: {help})" : message;
    }

    /// <summary>The start offset of a DetailedError's first source location, if it has one.</summary>
    public static int? Offset(JsonNode error) =>
        error["sourceLocations"]?.AsArray().FirstOrDefault()?["start"]?.GetValue<int>();

}
