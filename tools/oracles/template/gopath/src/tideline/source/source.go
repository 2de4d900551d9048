// Package source mirrors image-automation-controller's TemplateData.
package source

import (
	"tideline/types"
	"tideline/update"
)

// TemplateData is the data of the commit message template.
type TemplateData struct {
	AutomationObject types.NamespacedName
	Changed          update.Result
	Values           map[string]string
}
