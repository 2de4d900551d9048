// Package update mirrors image-automation-controller's internal/update result types.
package update

import "tideline/yaml"

// ObjectIdentifier holds the identifying information of an object.
type ObjectIdentifier struct {
	yaml.ResourceIdentifier
}

// Change is one value that changed.
type Change struct {
	OldValue string
	NewValue string
	Setter   string
}

// ObjectChanges are the changes of each object.
type ObjectChanges map[ObjectIdentifier][]Change

// Result is what the setters did, per file.
type Result struct {
	FileChanges map[string]ObjectChanges
}

// Changes returns every change once.
func (r Result) Changes() []Change {
	seen := make(map[Change]struct{})
	var result []Change
	for _, objChanges := range r.FileChanges {
		for _, changes := range objChanges {
			for _, change := range changes {
				if _, ok := seen[change]; !ok {
					seen[change] = struct{}{}
					result = append(result, change)
				}
			}
		}
	}
	return result
}

// Objects returns the changes of each object across files.
func (r Result) Objects() ObjectChanges {
	result := make(ObjectChanges)
	for _, objChanges := range r.FileChanges {
		for obj, change := range objChanges {
			result[obj] = append(result[obj], change...)
		}
	}
	return result
}
