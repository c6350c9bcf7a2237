using System.Text;
using System.Text.Json;

namespace PetStore.Configuration;

/// <summary>
/// The line of every key of a cdk.json file, by its path (<c>context.environments.dev.lambda.memorySizeMb</c>, array
/// items as <c>userPools[0]</c>), so that a configuration error can name the line to fix.
/// </summary>
public sealed class CdkJsonLines
{
    private readonly Dictionary<string, int> _lines;

    private CdkJsonLines(Dictionary<string, int> lines, string file) => (_lines, File) = (lines, file);

    /// <summary>The file as configuration errors name it (<c>cdk.json</c>).</summary>
    public string File { get; }

    /// <summary>The lines of <paramref name="text"/>, or null when it is not JSON (the JSON error is reported elsewhere).</summary>
    public static CdkJsonLines? Read(string text, string file = "cdk.json")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<(string Prefix, int Index, bool IsArray)>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = $"{path.Peek().Prefix}{(path.Peek().Prefix.Length == 0 ? "" : ".")}{reader.GetString()}";
                        lines.TryAdd(pending, LineAt(bytes, reader.TokenStartIndex));
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var at = Member(ref path, ref pending, bytes, reader.TokenStartIndex, lines);
                        path.Push((at, 0, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Pop();
                        break;
                    default:
                        Member(ref path, ref pending, bytes, reader.TokenStartIndex, lines);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return new CdkJsonLines(lines, file);
    }

    /// <summary>The path a value stands at: the property just read, or the next item of the array it is in.</summary>
    private static string Member(ref Stack<(string Prefix, int Index, bool IsArray)> path, ref string? pending, byte[] bytes, long start, Dictionary<string, int> lines)
    {
        if (path.Count == 0) return "";
        var (prefix, index, isArray) = path.Pop();
        string at;
        if (isArray)
        {
            at = $"{prefix}[{index}]";
            lines.TryAdd(at, LineAt(bytes, start));
            index++;
        }
        else
        {
            at = pending ?? prefix;
        }
        path.Push((prefix, index, isArray));
        pending = null;
        return at;
    }

    private static int LineAt(byte[] bytes, long offset) => bytes.AsSpan(0, (int)offset).Count((byte)'\n') + 1;

    /// <summary>The line of <paramref name="keyPath"/>, or of its nearest ancestor in the file; null if none is.</summary>
    public int? LineOf(string keyPath)
    {
        for (var path = keyPath; path.Length > 0; path = Parent(path))
            if (_lines.TryGetValue(path, out var line)) return line;
        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
