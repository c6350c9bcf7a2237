namespace PetStore.Cedar;

/// <summary>A file's text with offset-to-line/column lookup.</summary>
public sealed class SourceFile(string relativePath, string text)
{
    public string RelativePath { get; } = relativePath;
    public string Text { get; } = text;

    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (Text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return (line, offset - lineStart + 1);
    }

    public CedarProblem Problem(int offset, string message)
    {
        var (line, column) = Position(offset);
        return new CedarProblem(RelativePath, line, column, message);
    }
}
