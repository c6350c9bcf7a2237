using System.Reflection;
using PetStore.Contract;

namespace PetStore.Lambdas.Tests.Contract;

/// <summary>The CDK app deploys these strings; the managed runtime must be able to load each one.</summary>
public class FunctionHandlersTests
{
    public static TheoryData<string> Handlers => [.. FunctionHandlers.All];

    [Theory]
    [MemberData(nameof(Handlers))]
    public void Handler_names_a_public_Stream_method_on_a_class_the_runtime_can_construct(string handler)
    {
        var parts = handler.Split("::");
        Assert.Equal(3, parts.Length);
        var assembly = Assembly.Load(parts[0]);
        var type = assembly.GetType(parts[1]);
        Assert.NotNull(type);
        Assert.True(type.IsClass && !type.IsAbstract && !type.IsGenericType, $"{type} must be a concrete, non-generic class");
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));

        var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
        Assert.NotNull(method);
        Assert.Equal(typeof(Task<Stream>), method.ReturnType);
    }
}
