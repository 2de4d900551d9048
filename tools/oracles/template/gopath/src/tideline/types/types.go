// Package types mirrors apimachinery's NamespacedName.
package types

// NamespacedName is k8s.io/apimachinery/pkg/types.NamespacedName.
type NamespacedName struct {
	Namespace string
	Name      string
}

// String prints namespace/name, as apimachinery does.
func (n NamespacedName) String() string {
	return n.Namespace + "/" + n.Name
}
