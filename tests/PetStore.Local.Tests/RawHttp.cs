using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PetStore.Local.Tests;

/// <summary>A raw answer: status, content type and JSON body.</summary>
public sealed record RawResponse(int Status, string ContentType, JsonElement Body)
{
    public string Message => Body.GetProperty("message").GetString()!;
}

/// <summary>Requests written byte for byte, as no HTTP client library would send them (dot segments, lower-case verbs, odd framing).</summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="requestLine"/> with <paramref name="headers"/> (each ending in CRLF) and the body; a
    /// Content-Length is added unless <paramref name="framing"/> gives the framing headers itself.
    /// </summary>
    public static async Task<RawResponse> SendAsync(int port, string requestLine, string headers = "", byte[]? body = null, string? framing = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var head = $"{requestLine}\r\nHost: 127.0.0.1\r\n{headers}{framing ?? $"Content-Length: {body?.Length ?? 0}\r\n"}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        if (body is not null) await stream.WriteAsync(body);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = response[..split].Split("\r\n");
        var contentType = lines.FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim() ?? "";
        var text = response[(split + 4)..];
        Assert.False(string.IsNullOrEmpty(text), $"empty body: {response[..split]}");
        if (lines.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
            text = Dechunk(text);
        return new RawResponse(int.Parse(lines[0].Split(' ')[1]), contentType, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Asserts a JSON error answer with a message.</summary>
    public static void AssertJsonError(int expectedStatus, RawResponse response)
    {
        Assert.Equal(expectedStatus, response.Status);
        Assert.StartsWith("application/json", response.ContentType);
        Assert.False(string.IsNullOrWhiteSpace(response.Body.GetProperty("message").GetString()));
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0) return body.ToString();
            body.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
