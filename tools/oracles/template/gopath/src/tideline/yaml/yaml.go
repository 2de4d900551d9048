// Package yaml mirrors kyaml's ResourceIdentifier, so type names in template errors match Flux's.
package yaml

// ResourceIdentifier is kyaml's yaml.ResourceIdentifier.
type ResourceIdentifier struct {
	Name       string
	Namespace  string
	APIVersion string
	Kind       string
}
