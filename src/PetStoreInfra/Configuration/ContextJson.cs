using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace PetStoreInfra.Configuration;

/// <summary>
/// Turns a context value as jsii hands it to .NET (dictionaries, arrays, JSON-ish objects, primitives) back into
/// JSON text, so that configuration is parsed by one strict JSON reader whatever the value's origin.
/// </summary>
internal static class ContextJson
{
    public static string ToJson(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case JsonElement e: e.WriteTo(writer); break;
            // Newtonsoft's JToken (jsii's JSON type) prints itself as JSON; it is also IEnumerable, so test it first.
            case not null when value.GetType().Namespace == "Newtonsoft.Json.Linq":
                writer.WriteRawValue(value.ToString()!);
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items) Write(writer, item);
                writer.WriteEndArray();
                break;
            case IConvertible number when number.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal:
                writer.WriteRawValue(Convert.ToString(number, CultureInfo.InvariantCulture)!);
                break;
            default:
                throw new ConfigurationException($"cdk.json: a context value of type {value.GetType().Name} cannot be read as JSON.");
        }
    }
}
