// Language features the netstandard2.0 target lacks at runtime-library level.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
